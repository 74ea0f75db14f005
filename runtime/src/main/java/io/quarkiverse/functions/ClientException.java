package io.quarkiverse.functions;

/**
 * The caller sent something the function cannot accept. Never retried.
 * <p>
 * Over HTTP it is answered with its 4xx {@link #status()} as {@code application/problem+json} carrying
 * {@link #code()} and the message; an event source (queue, topic) treats the record as poison.
 */
public class ClientException extends RuntimeException {

    private final int status;
    private final String code;

    /**
     * A {@code 400 Bad Request} client error.
     *
     * @param code a stable, machine-readable code such as {@code unknown-customer}
     * @param message a message safe to show to the caller
     */
    public ClientException(String code, String message) {
        this(400, code, message);
    }

    /**
     * @param status an HTTP status from 400 to 499
     * @param code a stable, machine-readable code such as {@code unknown-customer}
     * @param message a message safe to show to the caller
     */
    public ClientException(int status, String code, String message) {
        super(message, null, false, false);
        if (status < 400 || status > 499) {
            throw new IllegalArgumentException("A client error needs a status from 400 to 499, got " + status);
        }
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("A client error needs a machine-readable code");
        }
        this.status = status;
        this.code = code;
    }

    /**
     * @return the HTTP status, 400 to 499
     */
    public int status() {
        return status;
    }

    /**
     * @return the machine-readable code
     */
    public String code() {
        return code;
    }
}
