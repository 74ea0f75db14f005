package io.quarkiverse.functions.it.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The code shown in README.md and docs/ is the tested code: every block announced by
 * {@code <!-- include: path#tag -->} must equal the lines between {@code tag::tag[]} and {@code end::tag[]} of that file.
 */
class DocsSnippetsTest {

    private static final Path REPO = Path.of("..", "..").toAbsolutePath().normalize();
    private static final Pattern INCLUDE = Pattern.compile("<!-- include: (\\S+)#(\\S+) -->\\R```[a-z]*\\R(.*?)```",
            Pattern.DOTALL);

    @Test
    void includedSnippetsMatchTheirSources() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(REPO.resolve("README.md"));
        try (Stream<Path> docs = Files.list(REPO.resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).forEach(pages::add);
        }
        int checked = 0;
        for (Path page : pages) {
            Matcher include = INCLUDE.matcher(Files.readString(page));
            while (include.find()) {
                String expected = region(REPO.resolve(include.group(1)), include.group(2));
                assertThat(include.group(3))
                        .as("%s: the block from %s#%s differs from its source; copy the tagged lines again",
                                REPO.relativize(page), include.group(1), include.group(2))
                        .isEqualTo(expected);
                checked++;
            }
        }
        assertThat(checked).as("included snippets found in README.md and docs/").isGreaterThanOrEqualTo(5);
    }

    private static String region(Path source, String tag) throws IOException {
        StringBuilder out = new StringBuilder();
        boolean inside = false;
        boolean found = false;
        for (String line : Files.readAllLines(source)) {
            if (line.contains("tag::" + tag + "[]")) {
                inside = true;
                found = true;
            } else if (line.contains("end::" + tag + "[]")) {
                inside = false;
            } else if (inside) {
                out.append(line).append('\n');
            }
        }
        assertThat(found).as("tag %s in %s", tag, source).isTrue();
        return out.toString();
    }
}
