package io.quarkiverse.functions.googlecloudfunctions.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkiverse.functions.googlecloudfunctions.runtime.LegacyEventTypes.Target;

/**
 * The table of docs/google-cloud-functions.md#legacy-events lists every legacy type converted, with its CloudEvent
 * type and the service of its source, and nothing else.
 */
class LegacyEventsDocTest {

    private static final Path PAGE = Path.of("..", "..", "..", "docs", "google-cloud-functions.md");
    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| `([^`]+)` \\| `//([^/`]+)/[^`]*` \\| [^|]+ \\|$",
            Pattern.MULTILINE);

    @Test
    void theDocumentedTableIsTheConvertedOne() throws IOException {
        String page = Files.readString(PAGE);
        int start = page.indexOf("### Legacy events");
        assertThat(start).as("the section Legacy events of %s", PAGE).isNotNegative();
        String section = page.substring(start, page.indexOf("\n### ", start + 1));

        Map<String, String> documented = new TreeMap<>();
        Matcher row = ROW.matcher(section);
        while (row.find()) {
            documented.put(row.group(1), row.group(2) + " from " + row.group(3));
        }
        Map<String, String> converted = new TreeMap<>();
        for (Map.Entry<String, Target> type : LegacyEventTypes.all().entrySet()) {
            converted.put(type.getKey(), type.getValue().type() + " from " + type.getValue().service());
        }

        assertThat(documented).as("the rows of the table in %s", PAGE).isEqualTo(converted);
    }
}
