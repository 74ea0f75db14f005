package io.quarkiverse.functions.opentelemetry.runtime;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.metrics.Meter;
import io.quarkiverse.functions.runtime.FunctionError;
import io.quarkiverse.functions.runtime.Invocation;

/**
 * The functions' metrics. Where OpenTelemetry's FaaS conventions name one ({@code faas.invocations},
 * {@code faas.errors}, {@code faas.timeouts}, {@code faas.coldstarts}, {@code faas.invoke_duration}) it is used with
 * its unit; the others are the project's own, under {@code functions.}. Every one carries {@code faas.name},
 * {@code faas.trigger} and {@code functions.platform}.
 */
final class FunctionMetrics {

    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<String> PLATFORM = AttributeKey.stringKey("functions.platform");

    private final LongCounter invocations;
    private final LongCounter errors;
    private final LongCounter timeouts;
    private final LongCounter coldStarts;
    private final DoubleHistogram duration;
    private final LongUpDownCounter active;
    private final LongHistogram batchRecords;
    private final LongCounter failedRecords;
    /** Attributes per function, trigger and platform: built once each, not per invocation. */
    private final ConcurrentMap<String, Attributes> attributes = new ConcurrentHashMap<>();

    FunctionMetrics(Meter meter) {
        invocations = meter.counterBuilder("faas.invocations").setUnit("{invocation}")
                .setDescription("Invocations of each function").build();
        errors = meter.counterBuilder("faas.errors").setUnit("{error}")
                .setDescription("Failed invocations, by error kind (error.type: client, transient, internal, deadline)")
                .build();
        timeouts = meter.counterBuilder("faas.timeouts").setUnit("{timeout}")
                .setDescription("Invocations that passed their deadline").build();
        coldStarts = meter.counterBuilder("faas.coldstarts").setUnit("{coldstart}")
                .setDescription("First invocations of a process").build();
        duration = meter.histogramBuilder("faas.invoke_duration").setUnit("s")
                .setDescription("Duration of each invocation, from its arrival in the invoker to its outcome").build();
        active = meter.upDownCounterBuilder("functions.invocations.active").setUnit("{invocation}")
                .setDescription("Invocations in flight").build();
        batchRecords = meter.histogramBuilder("functions.batch.records").ofLongs().setUnit("{record}")
                .setDescription("Records per batch (SQS, Kinesis, DynamoDB streams, Kafka, MQ)").build();
        failedRecords = meter.counterBuilder("functions.batch.failed_records").setUnit("{record}")
                .setDescription("Records of batches reported failed").build();
    }

    Attributes attributes(String function, Invocation invocation) {
        String key = function + '\u0000' + invocation.trigger().ordinal() + '\u0000' + invocation.platform().ordinal();
        Attributes cached = attributes.get(key);
        if (cached == null) {
            cached = Attributes.of(FunctionsTelemetry.FAAS_NAME, function, FunctionsTelemetry.FAAS_TRIGGER,
                    invocation.trigger().semanticName, PLATFORM, FunctionsTelemetry.platformName(invocation.platform()));
            attributes.putIfAbsent(key, cached);
        }
        return cached;
    }

    void started(Attributes attributes, boolean coldStart) {
        active.add(1, attributes);
        if (coldStart) {
            coldStarts.add(1, attributes);
        }
    }

    void ended(Attributes attributes, long nanos, FunctionError error) {
        active.add(-1, attributes);
        invocations.add(1, attributes);
        duration.record(nanos / 1e9, attributes);
        if (error != null) {
            errors.add(1, attributes.toBuilder().put(ERROR_TYPE, FunctionsTelemetry.kindName(error.kind())).build());
            if (error.kind() == FunctionError.Kind.DEADLINE) {
                timeouts.add(1, attributes);
            }
        }
    }

    void batch(Attributes attributes, int records, int failed) {
        batchRecords.record(records, attributes);
        if (failed > 0) {
            failedRecords.add(failed, attributes);
        }
    }
}
