package io.quarkiverse.functions.amazonlambda.runtime;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;

/**
 * An HTTP/1.1 client for the Lambda Runtime API (2018-06-01) on one kept-alive connection, for the custom runtimes'
 * loop. Hand-written on purpose: the peer is one local endpoint with a fixed protocol (as AWS's own runtime clients
 * hand-write theirs), and {@link java.net.HttpURLConnection} costs, per invocation, two connections' worth of buffers
 * and header maps (about 40 KB of garbage, which a native image's heap keeps until its first collection) plus its
 * classes at start-up. Buffers here are allocated once and grow to the largest event seen; only the values the
 * invocation needs become strings.
 * <p>
 * Not thread-safe: the loop uses it from one thread.
 */
final class RuntimeApiClient implements AutoCloseable {

    static final String BASE = "/2018-06-01/runtime/";

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    private byte[] readBuffer = new byte[8192];
    private int readPosition;
    private int readLimit;
    private byte[] body = new byte[8192];
    private final StringBuilder line = new StringBuilder(128);
    private byte[] request = new byte[1024];

    /** One event: the Runtime API's headers, and its body in the client's buffer (valid until the next call). */
    static final class Event {
        String requestId;
        long deadlineMillis;
        String functionArn;
        String traceId;
        byte[] body;
        int length;
    }

    private final Event event = new Event();
    private int status;
    private long contentLength;
    private boolean chunked;
    private boolean closeAfter;

    /** @param api {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API} */
    RuntimeApiClient(String api) {
        int colon = api.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("AWS_LAMBDA_RUNTIME_API is '" + api + "', not host:port");
        }
        this.host = api.substring(0, colon);
        this.port = Integer.parseInt(api.substring(colon + 1));
    }

    /** Waits for the next event: {@code GET invocation/next}. */
    Event next() throws IOException {
        for (int attempt = 0;; attempt++) {
            try {
                send("GET", BASE + "invocation/next", null, null, 0, 0);
                readResponse(true);
                if (status != 200) {
                    throw new IOException("GET invocation/next answered " + status);
                }
                return event;
            } catch (IOException e) {
                // a kept-alive connection the peer closed meanwhile: once more on a fresh one
                close();
                if (attempt > 0) {
                    throw e;
                }
            }
        }
    }

    /**
     * {@code POST} of a body to an endpoint under {@code /runtime/} ({@code invocation/<id>/response},
     * {@code invocation/<id>/error}, {@code init/error}); the answer's body is discarded.
     *
     * @param errorType the {@code Lambda-Runtime-Function-Error-Type} header, or null
     * @return the status code (202 when accepted)
     */
    int post(String endpoint, String errorType, byte[] content, int offset, int length) throws IOException {
        try {
            send("POST", BASE + endpoint, errorType, content, offset, length);
            readResponse(false);
            return status;
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private void send(String method, String path, String errorType, byte[] content, int offset, int length) throws IOException {
        connect();
        line.setLength(0);
        line.append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ").append(host).append(':').append(port)
                .append("\r\nUser-Agent: quarkus-functions\r\n");
        if (content != null) {
            line.append("Content-Length: ").append(length).append("\r\nContent-Type: application/json\r\n");
        }
        if (errorType != null) {
            line.append("Lambda-Runtime-Function-Error-Type: ").append(errorType).append("\r\n");
        }
        line.append("\r\n");
        int size = line.length();
        int total = size + (content == null ? 0 : length);
        if (request.length < total) {
            request = new byte[Math.max(total, request.length * 2)];
        }
        for (int i = 0; i < size; i++) {
            request[i] = (byte) line.charAt(i); // request lines and these headers are ASCII
        }
        if (content != null) {
            System.arraycopy(content, offset, request, size, length);
        }
        // one write, one segment for small requests
        out.write(request, 0, total);
        out.flush();
    }

    private void readResponse(boolean keepBody) throws IOException {
        status = 0;
        contentLength = -1;
        chunked = false;
        closeAfter = false;
        event.requestId = null;
        event.deadlineMillis = 0;
        event.functionArn = null;
        event.traceId = null;
        String statusLine = readLine();
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
            throw new IOException("Not an HTTP response from the Runtime API: " + statusLine);
        }
        status = Integer.parseInt(statusLine.substring(9, 12));
        while (readHeader(keepBody)) {
            // one header per call
        }
        int length = chunked ? readChunked() : readFixed();
        event.body = body;
        event.length = length;
        if (closeAfter) {
            close();
        }
    }

    /** Reads one header; false at the empty line that ends them. Only the needed values become strings. */
    private boolean readHeader(boolean event) throws IOException {
        line.setLength(0);
        readLineInto();
        if (line.length() == 0) {
            return false;
        }
        int colon = line.indexOf(":");
        if (colon <= 0) {
            return true;
        }
        if (is("Content-Length", colon)) {
            contentLength = Long.parseLong(value(colon));
        } else if (is("Transfer-Encoding", colon)) {
            chunked = value(colon).equalsIgnoreCase("chunked");
        } else if (is("Connection", colon)) {
            closeAfter = value(colon).equalsIgnoreCase("close");
        } else if (event && is("Lambda-Runtime-Aws-Request-Id", colon)) {
            this.event.requestId = value(colon);
        } else if (event && is("Lambda-Runtime-Deadline-Ms", colon)) {
            this.event.deadlineMillis = Long.parseLong(value(colon));
        } else if (event && is("Lambda-Runtime-Invoked-Function-Arn", colon)) {
            this.event.functionArn = value(colon);
        } else if (event && is("Lambda-Runtime-Trace-Id", colon)) {
            this.event.traceId = value(colon);
        }
        return true;
    }

    private boolean is(String name, int colon) {
        if (colon != name.length()) {
            return false;
        }
        for (int i = 0; i < colon; i++) {
            if (Character.toLowerCase(line.charAt(i)) != Character.toLowerCase(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private String value(int colon) {
        int start = colon + 1;
        int end = line.length();
        while (start < end && line.charAt(start) == ' ') {
            start++;
        }
        while (end > start && line.charAt(end - 1) == ' ') {
            end--;
        }
        return line.substring(start, end);
    }

    private int readFixed() throws IOException {
        if (contentLength < 0) {
            throw new IOException("A Runtime API response without Content-Length or chunked encoding");
        }
        if (contentLength > Integer.MAX_VALUE - 8) {
            throw new IOException("A Runtime API response of " + contentLength + " bytes");
        }
        int length = (int) contentLength;
        ensureBody(length);
        readFully(body, 0, length);
        return length;
    }

    private int readChunked() throws IOException {
        int length = 0;
        while (true) {
            String size = readLine();
            int semicolon = size.indexOf(';');
            int chunk = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (chunk == 0) {
                while (!readLine().isEmpty()) {
                    // trailers
                }
                return length;
            }
            ensureBody(length + chunk);
            readFully(body, length, chunk);
            length += chunk;
            readLine();
        }
    }

    private void ensureBody(int length) {
        if (body.length < length) {
            body = Arrays.copyOf(body, Math.max(length, body.length * 2));
        }
    }

    private void readFully(byte[] target, int offset, int length) throws IOException {
        int done = Math.min(length, readLimit - readPosition);
        System.arraycopy(readBuffer, readPosition, target, offset, done);
        readPosition += done;
        while (done < length) {
            int n = in.read(target, offset + done, length - done);
            if (n < 0) {
                throw new EOFException("The Runtime API closed the connection in a response body");
            }
            done += n;
        }
    }

    private String readLine() throws IOException {
        line.setLength(0);
        readLineInto();
        return line.toString();
    }

    /** Appends one line, without its CR LF, to {@link #line}. Header lines are ASCII (ISO-8859-1 at most). */
    private void readLineInto() throws IOException {
        while (true) {
            if (readPosition == readLimit) {
                readLimit = in.read(readBuffer, 0, readBuffer.length);
                readPosition = 0;
                if (readLimit < 0) {
                    readLimit = 0;
                    throw new EOFException("The Runtime API closed the connection");
                }
            }
            byte b = readBuffer[readPosition++];
            if (b == '\n') {
                int length = line.length();
                if (length > 0 && line.charAt(length - 1) == '\r') {
                    line.setLength(length - 1);
                }
                return;
            }
            line.append((char) (b & 0xff));
        }
    }

    private void connect() throws IOException {
        if (socket != null) {
            return;
        }
        Socket fresh = new Socket();
        fresh.setTcpNoDelay(true);
        fresh.connect(new InetSocketAddress(host, port));
        socket = fresh;
        in = fresh.getInputStream();
        out = fresh.getOutputStream();
        readPosition = 0;
        readLimit = 0;
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a connection that is already gone
            }
            socket = null;
        }
    }
}
