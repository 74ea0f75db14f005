package io.quarkiverse.functions.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.functions.FunctionContext.Platform;
import io.quarkiverse.functions.runtime.FunctionInput;
import io.quarkiverse.functions.runtime.Invocation;
import io.quarkiverse.functions.runtime.internal.FunctionInvoker;
import io.quarkiverse.functions.runtime.internal.StartupReport;
import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The start-up report is off by default: no line, and the invoker does not observe invocations for it.
 */
class StartupReportOffTest {

    @RegisterExtension
    static final QuarkusUnitTest test = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class))
            .setLogRecordPredicate(record -> record.getLoggerName().equals("io.quarkiverse.functions.startup"))
            .assertLogRecords(records -> assertThat(records).isEmpty());

    @Inject
    FunctionInvoker invoker;

    @Inject
    StartupReport report;

    @Test
    void nothingIsPrinted() {
        assertThat(invoker.invoke(Invocation.builder(Platform.HTTP, "greet", "r-1")
                .input(FunctionInput.json("\"Ada\"".getBytes())).build()).await().indefinitely().isSuccess()).isTrue();

        assertThat(report.isActive()).isFalse();
    }

    public static class Functions {
        @Funq
        public String greet(String name) {
            return "Hello " + name;
        }
    }
}
