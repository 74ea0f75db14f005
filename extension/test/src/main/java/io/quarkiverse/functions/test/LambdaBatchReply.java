package io.quarkiverse.functions.test;

import java.util.ArrayList;
import java.util.List;

/**
 * The answer to a batch of SQS messages or Kinesis records: the partial batch response, which names the records that
 * Lambda must deliver again.
 *
 * @param messageIds the ids of the records sent, in order: SQS {@code messageId}s, Kinesis {@code sequenceNumber}s
 * @param bodies the bodies of the records sent, in order
 * @param failedMessageIds the {@code itemIdentifier}s of the response's {@code batchItemFailures}, in its order
 * @param reply the whole reply
 */
public record LambdaBatchReply(List<String> messageIds, List<String> bodies, List<String> failedMessageIds,
        LambdaReply reply) {

    /**
     * @return the bodies of the failed records, in the order of {@link #failedMessageIds()}
     */
    public List<String> failedBodies() {
        List<String> failed = new ArrayList<>();
        for (String id : failedMessageIds) {
            int index = messageIds.indexOf(id);
            if (index >= 0) {
                failed.add(bodies.get(index));
            }
        }
        return failed;
    }
}
