package io.quarkiverse.functions.opentelemetry.runtime;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.quarkiverse.functions.FunctionContext.Platform;
import io.quarkiverse.functions.runtime.FunctionError;
import io.quarkiverse.functions.runtime.Invocation;
import io.quarkiverse.functions.runtime.InvocationObserver;
import io.quarkiverse.functions.runtime.Outcome;
import io.quarkus.arc.ClientProxy;

/**
 * One span per invocation, per OpenTelemetry's FaaS conventions, and the functions' metrics.
 * <p>
 * The span's parent is the application's current span when there is one (the HTTP server span of
 * {@code quarkus-opentelemetry}, then this span is {@code INTERNAL}), else the context the invocation arrived with. A
 * record or event is consumed ({@code CONSUMER}) and linked to its producer's context. An X-Ray context that is not
 * sampled (Lambda's passive tracing) is a link rather than the parent, so that it does not unsample the trace.
 */
@Singleton
public class FunctionsTelemetry implements InvocationObserver {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.functions.opentelemetry");

    static final AttributeKey<String> FAAS_NAME = AttributeKey.stringKey("faas.name");
    static final AttributeKey<String> FAAS_TRIGGER = AttributeKey.stringKey("faas.trigger");
    static final AttributeKey<String> FAAS_INVOCATION_ID = AttributeKey.stringKey("faas.invocation_id");
    static final AttributeKey<Boolean> FAAS_COLDSTART = AttributeKey.booleanKey("faas.coldstart");
    static final AttributeKey<String> CLOUD_PROVIDER = AttributeKey.stringKey("cloud.provider");
    static final AttributeKey<String> CLOUD_PLATFORM = AttributeKey.stringKey("cloud.platform");
    static final AttributeKey<String> CLOUD_REGION = AttributeKey.stringKey("cloud.region");
    static final AttributeKey<String> CLOUD_RESOURCE_ID = AttributeKey.stringKey("cloud.resource_id");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<String> ERROR_CODE = AttributeKey.stringKey("functions.error.code");
    static final AttributeKey<Long> ERROR_STATUS = AttributeKey.longKey("functions.error.status");
    static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("functions.attempt");

    private static final String[] PLATFORM_NAMES = { "http", "amazon_lambda", "google_cloud_functions" };

    private final boolean enabled;
    private final OpenTelemetry openTelemetry;
    private final Tracer tracer;
    private final FunctionMetrics metrics;
    private final long flushMillis;
    private final long metricsFlushNanos;
    /** When metrics were last flushed (System.nanoTime), or 0: the first flush always exports them. */
    private volatile long metricsFlushed;
    private final CloudResource[] clouds = new CloudResource[Platform.values().length];

    FunctionsTelemetry(OpenTelemetry openTelemetry, FunctionsOpenTelemetryConfig config) {
        this.enabled = config.enabled();
        this.openTelemetry = openTelemetry;
        this.tracer = openTelemetry.getTracer("io.quarkiverse.functions");
        this.metrics = new FunctionMetrics(openTelemetry.getMeter("io.quarkiverse.functions"));
        this.flushMillis = config.flushTimeout().toMillis();
        this.metricsFlushNanos = config.metricsFlushInterval().toNanos();
        for (Platform platform : Platform.values()) {
            CloudResource detected = CloudResource.detect(platform, System.getenv());
            clouds[platform.ordinal()] = config.cloudRegion().isEmpty() ? detected
                    : new CloudResource(detected.provider(), detected.platform(), config.cloudRegion().get());
        }
    }

    @Override
    public boolean isActive() {
        return enabled;
    }

    @Override
    public Observation start(Invocation invocation, boolean coldStart) {
        long start = System.nanoTime();
        Context current = Context.current();
        boolean nested = Span.fromContext(current).getSpanContext().isValid();
        Context parent = current;
        SpanContext unsampledXray = null;
        if (!nested) {
            TraceContexts.Remote remote = TraceContexts.extract(invocation.traceHeaders());
            parent = Context.root();
            if (remote.xray() && !remote.context().isSampled()) {
                unsampledXray = remote.context();
            } else if (remote.context().isValid()) {
                parent = parent.with(Span.wrap(remote.context()));
            }
        }
        String function = invocation.functionName();
        SpanKind kind = invocation.trigger().consumes() ? SpanKind.CONSUMER : nested ? SpanKind.INTERNAL : SpanKind.SERVER;
        SpanBuilder builder = tracer.spanBuilder(function)
                .setParent(parent)
                .setSpanKind(kind)
                .setAttribute(FAAS_NAME, function)
                .setAttribute(FAAS_TRIGGER, invocation.trigger().semanticName)
                .setAttribute(FAAS_INVOCATION_ID, invocation.requestId())
                .setAttribute(FAAS_COLDSTART, coldStart);
        if (invocation.attempt() > 1) {
            builder.setAttribute(ATTEMPT, (long) invocation.attempt());
        }
        CloudResource cloud = clouds[invocation.platform().ordinal()];
        setIfPresent(builder, CLOUD_PROVIDER, cloud.provider());
        setIfPresent(builder, CLOUD_PLATFORM, cloud.platform());
        setIfPresent(builder, CLOUD_REGION, cloud.region());
        setIfPresent(builder, CLOUD_RESOURCE_ID, invocation.cloudResourceId());
        SpanContext producer = TraceContexts.extract(invocation.producerTraceHeaders()).context();
        if (producer.isValid()) {
            builder.addLink(producer);
        }
        if (unsampledXray != null) {
            builder.addLink(unsampledXray);
        }
        Span span = builder.startSpan();
        if (nested) {
            // the application's HTTP server span is the invocation's SERVER span: it gets the FaaS attributes too
            Span.fromContext(current).setAttribute(FAAS_TRIGGER, invocation.trigger().semanticName)
                    .setAttribute(FAAS_INVOCATION_ID, invocation.requestId())
                    .setAttribute(FAAS_COLDSTART, coldStart);
        }
        Attributes attributes = metrics.attributes(function, invocation);
        metrics.started(attributes, coldStart);
        return new SpanObservation(span, parent.with(span), attributes, start);
    }

    private static void setIfPresent(SpanBuilder builder, AttributeKey<String> key, String value) {
        if (value != null) {
            builder.setAttribute(key, value);
        }
    }

    @Override
    public void batchDone(Invocation invocation, int records, int failed) {
        metrics.batch(metrics.attributes(invocation.functionName(), invocation), records, failed);
    }

    @Override
    public void flush() {
        Object target = openTelemetry instanceof ClientProxy proxy ? proxy.arc_contextualInstance() : openTelemetry;
        if (target instanceof OpenTelemetrySdk sdk) {
            sdk.getSdkTracerProvider().forceFlush().join(flushMillis, TimeUnit.MILLISECONDS);
            // metrics are cumulative: a later flush carries what a frozen process did not send, so they need not go
            // out after every invocation (which costs an export of every series)
            long now = System.nanoTime();
            long last = metricsFlushed;
            if (last == 0 || now - last >= metricsFlushNanos) {
                metricsFlushed = now == 0 ? 1 : now;
                sdk.getSdkMeterProvider().forceFlush().join(flushMillis, TimeUnit.MILLISECONDS);
            }
        } else {
            LOG.debugf("No OpenTelemetry SDK to flush: %s", target.getClass().getName());
        }
    }

    static String platformName(Platform platform) {
        return PLATFORM_NAMES[platform.ordinal()];
    }

    static String kindName(FunctionError.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private final class SpanObservation implements Observation {
        private final Span span;
        private final Context context;
        private final Attributes attributes;
        private final long start;

        SpanObservation(Span span, Context context, Attributes attributes, long start) {
            this.span = span;
            this.context = context;
            this.attributes = attributes;
            this.start = start;
        }

        @Override
        public String traceId() {
            SpanContext spanContext = span.getSpanContext();
            return spanContext.isValid() ? spanContext.getTraceId() : null;
        }

        @Override
        public Scope activate() {
            io.opentelemetry.context.Scope scope = context.makeCurrent();
            return scope::close;
        }

        @Override
        public void end(Outcome outcome) {
            FunctionError error = outcome.error();
            if (error != null) {
                // the kind, code and status only: an error's detail may carry the input's data
                span.setAttribute(ERROR_TYPE, kindName(error.kind()));
                span.setAttribute(ERROR_CODE, error.code());
                span.setAttribute(ERROR_STATUS, (long) error.status());
                if (error.kind() != FunctionError.Kind.CLIENT) {
                    span.setStatus(StatusCode.ERROR);
                }
            }
            span.end();
            metrics.ended(attributes, System.nanoTime() - start, error);
        }
    }
}
