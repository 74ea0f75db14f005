package io.quarkiverse.functions.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.builder.BuildChainBuilder;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;

/**
 * An application with two platform bindings builds, with one warning that names them and the fix. The core has no
 * binding on its class path, so the bindings' features are produced here the way their processors produce them.
 */
class MoreThanOneBindingTest {

    @RegisterExtension
    static final QuarkusUnitTest test = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class))
            .addBuildChainCustomizer(features("functions-http", "functions-amazon-lambda"))
            .setLogRecordPredicate(record -> record.getLoggerName().equals(BindingsProcessor.class.getName()))
            .assertLogRecords(records -> assertThat(records).extracting(LogRecord::getLevel, LogRecord::getMessage)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(Level.WARNING,
                            "This application has more than one Quarkus Functions platform binding:"
                                    + " quarkus-functions-http, quarkus-functions-amazon-lambda. An application uses one"
                                    + " binding. Fix: build one application per platform, each with one binding, from a"
                                    + " shared module of functions (see docs/installation.md, One binding per"
                                    + " application).")));

    static Consumer<BuildChainBuilder> features(String... names) {
        return chain -> chain.addBuildStep(context -> {
            for (String name : names) {
                context.produce(new FeatureBuildItem(name));
            }
        }).produces(FeatureBuildItem.class).build();
    }

    public static class Functions {
        @Funq
        public String echo(String text) {
            return text;
        }
    }

    @Test
    void theApplicationBuildsAndStarts() {
        // the warning is asserted on the build's log records, above; BindingsProcessorTest covers one binding or none
    }
}
