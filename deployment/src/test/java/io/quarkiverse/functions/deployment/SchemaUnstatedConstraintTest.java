package io.quarkiverse.functions.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import jakarta.validation.constraints.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A constraint that JSON Schema cannot state is enforced at run time only; the build says so.
 */
class SchemaUnstatedConstraintTest {

    @RegisterExtension
    static final QuarkusUnitTest test = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class, SchemaCapture.class))
            .addBuildChainCustomizer(SchemaCapture.capture())
            .setLogRecordPredicate(record -> record.getLoggerName().equals(FunctionSchemaProcessor.class.getName()))
            .assertLogRecords(records -> assertThat(records).extracting(LogRecord::getLevel, LogRecord::getMessage)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(Level.WARNING,
                            "the input of function 'book' (io.quarkiverse.functions.deployment.SchemaUnstatedConstraintTest"
                                    + "$Functions#book(SchemaUnstatedConstraintTest$Booking)): field 'day' of"
                                    + " io.quarkiverse.functions.deployment.SchemaUnstatedConstraintTest$Booking has @Future,"
                                    + " which the schema cannot state: it is enforced at run time only.")));

    public record Booking(@Future LocalDate day) {
    }

    public static class Functions {
        @Funq
        public void book(Booking booking) {
        }
    }

    @Test
    void theSchemaStatesOnlyTheType() {
        // the warning itself is asserted on the build's log records, above
        assertThat(SchemaCapture.definition("Booking").at("/properties/day").toString())
                .isEqualTo("{\"type\":[\"string\",\"null\"],\"format\":\"date\"}");
    }
}
