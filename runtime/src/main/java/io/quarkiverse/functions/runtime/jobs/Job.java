package io.quarkiverse.functions.runtime.jobs;

/**
 * One accepted async invocation, as a {@link JobQueue} carries it.
 *
 * @param id the job's id: the last segment of its resource {@code /<function>/jobs/<id>}
 * @param function the function to invoke
 * @param input the payload's bytes as received, or an empty array
 * @param mediaType the payload's media type, or {@code null}
 * @param idempotencyKey the caller's {@code Idempotency-Key}, or {@code null}
 * @param traceId the trace id the request carried, or {@code null}
 * @param acceptedAt when it was accepted, epoch milliseconds
 */
public record Job(String id, String function, byte[] input, String mediaType, String idempotencyKey, String traceId,
        long acceptedAt) {
}
