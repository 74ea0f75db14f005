package io.quarkiverse.functions.it.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The agreement table against the packaged application; and the standalone schemas exported to
 * {@code target/functions/schemas/} give the same verdicts as the served document.
 */
@QuarkusIntegrationTest
class ContractAgreementIT extends ContractAgreementTest {

    @Test
    void exportedSchemasGiveTheSameVerdicts() throws Exception {
        List<String> disagreements = new ArrayList<>();
        for (Row row : TABLE) {
            Path file = Path.of("target", "functions", "schemas", row.function() + ".input.schema.json");
            assertThat(file).exists();
            JsonNode schema = JSON.readTree(Files.readString(file));
            assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            String verdict = schemaVerdict(schema, row.payload());
            if (!verdict.equals(row.expected())) {
                disagreements.add(row.function() + " " + row.payload() + ": " + verdict);
            }
        }
        assertThat(disagreements).isEmpty();
    }
}
