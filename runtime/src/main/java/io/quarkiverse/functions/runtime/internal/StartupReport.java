package io.quarkiverse.functions.runtime.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.RuntimeMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.functions.runtime.FunctionsRuntimeConfig;
import io.quarkiverse.functions.runtime.Invocation;
import io.quarkiverse.functions.runtime.InvocationObserver;
import io.quarkiverse.functions.runtime.Outcome;
import io.quarkus.runtime.ImageMode;

/**
 * The start-up report ({@code quarkus.functions.startup-report}): the moments of this cold start, as epoch
 * milliseconds, printed once as one JSON log line when the first invocation has been answered. Times are measured from
 * process start as the JVM (or the native image's isolate) records it.
 * <p>
 * Off, it is an inactive observer: the invoker leaves it out, and the milestones below return at once. On, it reads
 * the JVM's management beans only after the first response, so that their start is in no phase it measures.
 */
@Singleton
public class StartupReport implements InvocationObserver {

    static final Logger LOG = Logger.getLogger("io.quarkiverse.functions.startup");

    private final boolean enabled;
    private final Path file;
    private final ObjectMapper mapper;
    private final AtomicBoolean firstSeen = new AtomicBoolean();
    private final List<Object[]> warmups = new ArrayList<>();
    private volatile long staticInit = -1;
    private volatile long runtimeInit = -1;
    private volatile long startupEvent = -1;
    private volatile long ready = -1;

    StartupReport(FunctionsRuntimeConfig config, ObjectMapper mapper) {
        this.enabled = config.startupReport();
        this.file = config.startupReportFile().orElse(null);
        this.mapper = mapper;
    }

    @Override
    public boolean isActive() {
        return enabled;
    }

    /**
     * @param staticInit when the functions' static-init step ran, epoch ms, or {@code -1} when static init ran at build
     *        time (native)
     */
    public void runtimeInit(long staticInit, long runtimeInit) {
        if (enabled) {
            this.staticInit = staticInit;
            this.runtimeInit = runtimeInit;
        }
    }

    void startupEvent() {
        if (enabled) {
            startupEvent = System.currentTimeMillis();
        }
    }

    void warmup(String bean, long nanos) {
        if (enabled) {
            synchronized (warmups) {
                warmups.add(new Object[] { bean, nanos / 1_000_000.0 });
            }
        }
    }

    void ready() {
        if (enabled) {
            ready = System.currentTimeMillis();
        }
    }

    @Override
    public Observation start(Invocation invocation, boolean coldStart) {
        if (firstSeen.get() || !firstSeen.compareAndSet(false, true)) {
            return null;
        }
        long firstEvent = System.currentTimeMillis();
        return new Observation() {
            @Override
            public String traceId() {
                return null;
            }

            @Override
            public Scope activate() {
                return null;
            }

            @Override
            public void end(Outcome outcome) {
                report(invocation, firstEvent, System.currentTimeMillis());
            }
        };
    }

    private void report(Invocation invocation, long firstEvent, long firstResponse) {
        ObjectNode report = build(invocation.platform().name().toLowerCase(Locale.ROOT), firstEvent, firstResponse);
        LOG.infof("Start-up report: %s", report);
        if (file != null) {
            try {
                Files.write(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(report));
            } catch (IOException e) {
                LOG.warnf("Writing the start-up report to %s failed: %s", file, e.toString());
            }
        }
    }

    ObjectNode build(String platform, long firstEvent, long firstResponse) {
        RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
        long start = runtime.getStartTime();
        boolean nativeImage = ImageMode.current() == ImageMode.NATIVE_RUN;
        ObjectNode report = mapper.createObjectNode();
        report.put("platform", platform);
        report.put("mode", nativeImage ? "native" : aotCache(runtime.getInputArguments()) ? "jvm-aot-cache" : "jvm");
        report.put("processStart", start);
        ArrayNode phases = report.putArray("phases");
        // on the JVM: JVM start, main, Quarkus's bootstrap up to the functions' static-init step; natively static init
        // ran at build time, and this phase runs up to runtime init
        long previous = staticInit > 0 ? staticInit : runtimeInit;
        phase(phases, staticInit > 0 ? "start-to-static-init" : "start-to-runtime-init", 0, previous - start);
        if (staticInit > 0) {
            phase(phases, "static-init", staticInit - start, runtimeInit - staticInit);
        }
        phase(phases, "runtime-init", runtimeInit - start, startupEvent - runtimeInit);
        long at = startupEvent - start;
        synchronized (warmups) {
            for (Object[] warmup : warmups) {
                double ms = (Double) warmup[1];
                phase(phases, "warmup " + warmup[0], at, ms);
                at += (long) ms;
            }
        }
        phase(phases, "to-ready", startupEvent - start, ready - startupEvent);
        phase(phases, "ready-to-first-event", ready - start, firstEvent - ready);
        phase(phases, "first-invocation", firstEvent - start, firstResponse - firstEvent);
        report.put("readyMs", ready - start);
        report.put("firstResponseMs", firstResponse - start);
        if (!nativeImage) {
            // read only now: the JVM's management beans take ~30 ms and ~240 classes to start, which would land in
            // a phase measured above (the count includes them)
            report.put("loadedClassesAtFirstResponse",
                    ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
        }
        return report;
    }

    private static void phase(ArrayNode phases, String name, long startMs, double ms) {
        phases.addObject().put("name", name).put("startMs", startMs).put("ms", ms);
    }

    private static boolean aotCache(List<String> arguments) {
        for (String argument : arguments) {
            if (argument.startsWith("-XX:AOTCache") || argument.startsWith("-XX:SharedArchiveFile")) {
                return true;
            }
        }
        return false;
    }
}
