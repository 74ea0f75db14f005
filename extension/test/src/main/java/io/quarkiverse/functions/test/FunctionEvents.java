package io.quarkiverse.functions.test;

/**
 * Delivers a platform's events to one function of the application under test, in process, through the platform's
 * binding, and returns what the platform would answer: the way to test that a function behaves under an SQS batch, an
 * API Gateway request or a Pub/Sub push as it will once deployed, without a cloud or a mock server.
 * <p>
 * Use it in a {@code @QuarkusTest} of an application with the binding of the platform:
 *
 * <pre>
 * LambdaBatchReply reply = FunctionEvents.lambda("greet").sqs("{\"name\":\"Ada\"}", "{\"name\":\"\"}");
 * assertThat(reply.failedBodies()).containsExactly("{\"name\":\"\"}");
 *
 * HttpEventReply pushed = FunctionEvents.googleCloudFunctions("greet").pubsub("{\"name\":\"Ada\"}");
 * assertThat(pushed.status()).isEqualTo(200);
 * </pre>
 *
 * Each call is delivered as a deployment that exports the function ({@code QUARKUS_FUNCTIONS_EXPORT}) would receive
 * it, and runs in the calling thread.
 */
public final class FunctionEvents {

    private FunctionEvents() {
    }

    /**
     * @param function the function to deliver to
     * @return the AWS Lambda events of the function
     * @throws IllegalStateException when the application has no AWS Lambda binding
     *         ({@code quarkus-functions-amazon-lambda}), or is not running in this JVM
     */
    public static LambdaEvents lambda(String function) {
        return new LambdaEvents(Consoles.find(LambdaEvents.PLATFORM, "quarkus-functions-amazon-lambda"), function);
    }

    /**
     * @param function the function to deliver to
     * @return the HTTP requests and CloudEvents of the function
     * @throws IllegalStateException when the application has no HTTP binding ({@code quarkus-functions-http}), or is
     *         not running in this JVM
     */
    public static HttpEvents http(String function) {
        return new HttpEvents(Consoles.find(HttpEvents.PLATFORM, "quarkus-functions-http"), function);
    }

    /**
     * @param function the function to deliver to
     * @return the Google Cloud Functions requests and events of the function
     * @throws IllegalStateException when the application has no Google Cloud Functions binding
     *         ({@code quarkus-functions-google-cloud-functions}), or is not running in this JVM
     */
    public static GoogleCloudFunctionsEvents googleCloudFunctions(String function) {
        return new GoogleCloudFunctionsEvents(
                Consoles.find(GoogleCloudFunctionsEvents.PLATFORM, "quarkus-functions-google-cloud-functions"), function);
    }
}
