package io.quarkiverse.functions.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The harness's smoke mode: every subject starts once, answers greet, and lands in the JSON and the table. Keeps the
 * harness working; asserts no timing.
 */
class HarnessSmokeTest {

    @Test
    void everySubjectRunsOnceAndIsReported() throws Exception {
        Path root = Path.of(System.getProperty("bench.root", "../.."));
        Path out = Path.of("target/bench-smoke");

        int failures = Harness.run("--smoke", "--root", root.toString(), "--out", out.toString());

        String json = Files.readString(out.resolve("latest.json"));
        String table = Files.readString(out.resolve("latest.md"));
        assertEquals(0, failures, "failed runs, see target/bench-smoke/latest.md and logs/: " + json);
        for (Subject subject : Subject.all(root)) {
            int feature = Runtime.version().feature();
            if (!subject.runsOn(Integer.toString(feature), feature)) {
                continue;
            }
            assertTrue(json.contains("\"id\": \"" + subject.id() + "\""), subject.id() + " missing from the JSON");
            assertTrue(table.contains("| " + subject.label() + " |"), subject.label() + " missing from the table");
        }
        assertTrue(json.contains("\"cold_total_ms\""), "no Lambda measurement in " + json);
        assertTrue(json.contains("\"first_200_ms\""), "no HTTP measurement in " + json);
    }
}
