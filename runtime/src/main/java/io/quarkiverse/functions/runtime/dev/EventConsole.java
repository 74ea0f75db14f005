package io.quarkiverse.functions.runtime.dev;

import java.util.List;
import java.util.Map;

/**
 * What a platform binding offers to dev mode, to the Dev UI's event console and to the test API: the triggers of its
 * platform, a realistic sample event of each with a function's input inside, and the in-process delivery of a raw
 * platform request to one function, answered exactly as the deployed binding answers it.
 * <p>
 * One bean per binding, registered in dev and test mode only. Implementations translate and delegate to the binding's
 * own handler; they decide no semantics.
 */
public interface EventConsole {

    /**
     * @return the platform's name as users know it: {@code AWS Lambda}, {@code Google Cloud Functions}, {@code HTTP}
     */
    String platform();

    /**
     * @param function a function of the catalog
     * @return how the function deploys on this platform: a Lambda handler, a Functions Framework target and its
     *         environment, an HTTP path
     */
    String entryPoint(String function);

    /**
     * @return the triggers of this platform that {@link #sample} builds events for, in display order
     */
    List<EventKind> eventKinds();

    /**
     * @param eventKind the id of one of {@link #eventKinds()}
     * @param function the function the event is for
     * @param input JSON text of the function's input to put inside the event, or {@code null}
     * @return a request as the platform would deliver it to the deployed function
     * @throws IllegalArgumentException for an unknown event kind
     */
    Request sample(String eventKind, String function, String input);

    /**
     * Delivers a request to one function, in process, through the binding's handler.
     *
     * @param function the function to deliver to, as the deployment that exports it would
     * @param request the raw platform request: for Lambda the event document (the headers are ignored), for Google
     *        Cloud Functions and HTTP the HTTP request
     * @return the platform's reply
     */
    Reply send(String function, Request request);

    /**
     * A trigger of the platform.
     *
     * @param id a stable id: {@code sqs}, {@code api-gateway-v2}, {@code pubsub}, {@code cloudevent}, ...
     * @param label what users call it: {@code SQS batch}, {@code API Gateway (HTTP API, v2)}, ...
     */
    record EventKind(String id, String label) {
    }

    /**
     * A raw platform request.
     *
     * @param headers HTTP headers (names in lower case); empty for a Lambda event
     * @param body the body or the event document, text
     */
    record Request(Map<String, String> headers, String body) {
    }

    /**
     * The platform's reply.
     *
     * @param status the HTTP status the platform answers with (Lambda: {@code 200}, as its Invoke API, with
     *        {@code x-amz-function-error: Unhandled} for a failed invocation)
     * @param headers the reply's headers, names in lower case
     * @param body the reply's body, text, or {@code null}
     * @param requestId the request id the invocation's log lines carry (records: the prefix of theirs)
     */
    record Reply(int status, Map<String, String> headers, String body, String requestId) {
    }
}
