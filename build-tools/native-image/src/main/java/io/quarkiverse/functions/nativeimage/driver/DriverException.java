package io.quarkiverse.functions.nativeimage.driver;

/** An error the driver reports as one line, "Error: …", and exits with (like GraalVM's driver, exit code 20). */
public final class DriverException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public static final int DRIVER_ERROR = 20;

    private final int exitCode;

    public DriverException(String message) {
        this(message, DRIVER_ERROR);
    }

    public DriverException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
