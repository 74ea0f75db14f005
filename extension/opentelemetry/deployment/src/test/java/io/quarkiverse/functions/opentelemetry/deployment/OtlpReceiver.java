package io.quarkiverse.functions.opentelemetry.deployment;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPInputStream;

import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * An OTLP/HTTP receiver ({@code /v1/traces}, {@code /v1/metrics}) that keeps the protobuf messages it receives and
 * decodes them with OpenTelemetry's own generated classes. No collector can be run here, so the test is its own: it
 * speaks the wire protocol the exporter of quarkus-opentelemetry speaks.
 * <p>
 * A test class is loaded twice (by JUnit and by Quarkus), so the server is started once per JVM and both copies read
 * what it received over HTTP ({@code GET /received/traces}), never through shared objects.
 */
public final class OtlpReceiver {

    private static final String PROPERTY = "quarkus-functions.test.otlp-receiver";

    private final String endpoint;
    private final HttpClient client = HttpClient.newHttpClient();

    private OtlpReceiver(String endpoint) {
        this.endpoint = endpoint;
    }

    public static synchronized OtlpReceiver start() {
        String running = System.getProperty(PROPERTY);
        if (running != null) {
            return new OtlpReceiver(running);
        }
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            // a thread per exchange: a waiting /received/next must not hold up an export
            server.setExecutor(Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "otlp-receiver");
                thread.setDaemon(true);
                return thread;
            }));
            Arrivals arrivals = new Arrivals();
            Store traces = new Store(arrivals);
            Store metrics = new Store(arrivals);
            server.createContext("/v1/traces", traces::receive);
            server.createContext("/v1/metrics", metrics::receive);
            server.createContext("/received/traces", traces::list);
            server.createContext("/received/metrics", metrics::list);
            server.createContext("/received/next", arrivals::next);
            server.start();
            String endpoint = "http://localhost:" + server.getAddress().getPort();
            System.setProperty(PROPERTY, endpoint);
            return new OtlpReceiver(endpoint);
        } catch (IOException e) {
            throw new IllegalStateException("Starting the OTLP receiver failed", e);
        }
    }

    public String endpoint() {
        return endpoint;
    }

    /**
     * Counts the bodies received on every path; {@code GET /received/next?after=N} answers once more than {@code N}
     * have arrived (or after 5 s), with the count: what {@link #await} blocks on between two looks.
     */
    private static final class Arrivals {
        private long count;

        synchronized void arrived() {
            count++;
            notifyAll();
        }

        void next(HttpExchange exchange) throws IOException {
            String query = exchange.getRequestURI().getQuery();
            long after = Long.parseLong(query.substring(query.indexOf('=') + 1));
            long now;
            synchronized (this) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                try {
                    while (count <= after && System.nanoTime() < deadline) {
                        wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                now = count;
            }
            byte[] body = Long.toString(now).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        }
    }

    /** The bodies received on one path; {@code GET} lists them (each length-prefixed), {@code DELETE} forgets them. */
    private static final class Store {
        private final List<byte[]> bodies = new ArrayList<>();
        private final Arrivals arrivals;

        Store(Arrivals arrivals) {
            this.arrivals = arrivals;
        }

        void receive(HttpExchange exchange) throws IOException {
            InputStream in = exchange.getRequestBody();
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                in = new GZIPInputStream(in);
            }
            byte[] body = in.readAllBytes();
            synchronized (this) {
                bodies.add(body);
            }
            arrivals.arrived();
            // an empty ExportTraceServiceResponse / ExportMetricsServiceResponse
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        }

        void list(HttpExchange exchange) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            synchronized (this) {
                if ("DELETE".equals(exchange.getRequestMethod())) {
                    bodies.clear();
                }
                DataOutputStream data = new DataOutputStream(out);
                for (byte[] body : bodies) {
                    data.writeInt(body.length);
                    data.write(body);
                }
            }
            exchange.sendResponseHeaders(200, out.size() == 0 ? -1 : out.size());
            exchange.getResponseBody().write(out.toByteArray());
            exchange.close();
        }
    }

    private List<byte[]> received(String signal, String method) {
        try {
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(URI.create(endpoint + "/received/" + signal))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
            DataInputStream data = new DataInputStream(new ByteArrayInputStream(response.body()));
            List<byte[]> bodies = new ArrayList<>();
            while (data.available() > 0) {
                byte[] body = new byte[data.readInt()];
                data.readFully(body);
                bodies.add(body);
            }
            return bodies;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public List<Span> spans() {
        List<Span> spans = new ArrayList<>();
        for (byte[] body : received("traces", "GET")) {
            try {
                for (ResourceSpans resource : ExportTraceServiceRequest.parseFrom(body).getResourceSpansList()) {
                    for (ScopeSpans scope : resource.getScopeSpansList()) {
                        spans.addAll(scope.getSpansList());
                    }
                }
            } catch (InvalidProtocolBufferException e) {
                throw new AssertionError("The exporter sent a body that is not an ExportTraceServiceRequest", e);
            }
        }
        return spans;
    }

    public List<Metric> metrics() {
        List<Metric> metrics = new ArrayList<>();
        for (byte[] body : received("metrics", "GET")) {
            try {
                for (ResourceMetrics resource : ExportMetricsServiceRequest.parseFrom(body).getResourceMetricsList()) {
                    for (ScopeMetrics scope : resource.getScopeMetricsList()) {
                        metrics.addAll(scope.getMetricsList());
                    }
                }
            } catch (InvalidProtocolBufferException e) {
                throw new AssertionError("The exporter sent a body that is not an ExportMetricsServiceRequest", e);
            }
        }
        return metrics;
    }

    /**
     * @return the spans of one function (span name), in the order received
     */
    public List<Span> spans(String name) {
        List<Span> named = new ArrayList<>();
        for (Span span : spans()) {
            if (span.getName().equals(name)) {
                named.add(span);
            }
        }
        return named;
    }

    public List<Metric> metrics(String name) {
        List<Metric> named = new ArrayList<>();
        for (Metric metric : metrics()) {
            if (metric.getName().equals(name)) {
                named.add(metric);
            }
        }
        return named;
    }

    /**
     * @return the value of a counter's point with these attributes in the last export that has one (counters are
     *         cumulative), or {@code null}
     */
    public Long lastSum(String name, Map<String, String> attributes) {
        Long value = null;
        for (Metric metric : metrics(name)) {
            for (NumberDataPoint point : metric.getSum().getDataPointsList()) {
                if (attributes(point.getAttributesList()).entrySet().containsAll(attributes.entrySet())) {
                    value = point.getAsInt();
                }
            }
        }
        return value;
    }

    /**
     * @return the count and sum of a histogram's point with these attributes in the last export that has one, or
     *         {@code null}
     */
    public double[] lastHistogram(String name, Map<String, String> attributes) {
        double[] value = null;
        for (Metric metric : metrics(name)) {
            for (HistogramDataPoint point : metric.getHistogram().getDataPointsList()) {
                if (attributes(point.getAttributesList()).entrySet().containsAll(attributes.entrySet())) {
                    value = new double[] { point.getCount(), point.getSum() };
                }
            }
        }
        return value;
    }

    /**
     * Waits until the condition holds, looking again each time the exporter sends something: for an application that
     * exports on its own schedule (the batch span processor's delay, the metric reader's interval). Fails after 30 s.
     *
     * @param what what is awaited, for the failure's message
     */
    public void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long seen = -1;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not received within 30 s: " + what + "; spans: " + spans());
            }
            try {
                HttpResponse<String> next = client.send(HttpRequest.newBuilder(
                        URI.create(endpoint + "/received/next?after=" + Math.max(seen, 0))).build(),
                        HttpResponse.BodyHandlers.ofString());
                seen = Long.parseLong(next.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * @return the span of this kind whose {@code faas.invocation_id} is this one (an HTTP call on the HTTP binding has
     *         two: Quarkus's SERVER span and the function's INTERNAL one)
     */
    public Span span(String invocationId, Span.SpanKind kind) {
        Span span = find(invocationId, kind);
        if (span == null) {
            throw new AssertionError("No " + kind + " span of " + invocationId + " among " + spans());
        }
        return span;
    }

    /** {@link #span}, once exported: for an application that exports on its own schedule. */
    public Span awaitSpan(String invocationId, Span.SpanKind kind) {
        await("the " + kind + " span of " + invocationId, () -> find(invocationId, kind) != null);
        return span(invocationId, kind);
    }

    private Span find(String invocationId, Span.SpanKind kind) {
        for (Span span : spans()) {
            if (span.getKind() == kind && invocationId.equals(attributes(span.getAttributesList()).get("faas.invocation_id"))) {
                return span;
            }
        }
        return null;
    }

    public void clear() {
        received("traces", "DELETE");
        received("metrics", "DELETE");
    }

    public static String hex(com.google.protobuf.ByteString id) {
        return HexFormat.of().formatHex(id.toByteArray());
    }

    /**
     * @return the span's attributes as strings (booleans and numbers by their text)
     */
    public static Map<String, String> attributes(List<KeyValue> attributes) {
        Map<String, String> map = new java.util.TreeMap<>();
        for (KeyValue attribute : attributes) {
            AnyValue value = attribute.getValue();
            String text = switch (value.getValueCase()) {
                case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
                case INT_VALUE -> Long.toString(value.getIntValue());
                case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
                default -> value.getStringValue();
            };
            map.put(attribute.getKey(), text);
        }
        return map;
    }
}
