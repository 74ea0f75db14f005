package io.quarkiverse.functions.it.devmode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Runs {@code devui/event-console.mjs} with Node.js: it opens the Dev UI page "Event console" in headless Chromium
 * (Debian's {@code /usr/bin/chromium}, or {@code $CHROMIUM}), sends a sample event of one trigger, an edited one, saves
 * it, reloads the page and replays it, and prints what the page showed. Screenshots are kept in
 * {@code target/dev-ui-screenshots/<name>/}. {@code playwright-core} is installed from npm into
 * {@code target/dev-ui-driver} with the committed lock file; it downloads no browser.
 */
public final class EventConsoleBrowser {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FILES = List.of("package.json", "package-lock.json", "event-console.mjs");

    private EventConsoleBrowser() {
    }

    /**
     * @param invalidInput an input of the function it rejects, for the edited event
     * @return what the page showed: {@code platform}, {@code functions}, {@code sampleEvent}, and the replies
     *         {@code valid}, {@code invalid}, {@code replayed} (status, headers, body, invocations, logs)
     */
    public static JsonNode run(String baseUrl, String name, String function, String eventKind, String invalidInput)
            throws IOException, InterruptedException {
        String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
        if (!Files.isExecutable(Path.of(chromium))) {
            throw new IllegalStateException("No Chromium at " + chromium
                    + ": install Debian's chromium (apt-get install chromium), or set CHROMIUM to a Chromium binary");
        }
        Path driver = Path.of("target/dev-ui-driver").toAbsolutePath();
        Files.createDirectories(driver);
        for (String file : FILES) {
            try (InputStream in = EventConsoleBrowser.class.getResourceAsStream("/devui/" + file)) {
                Files.copy(in, driver.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (!Files.isDirectory(driver.resolve("node_modules/playwright-core"))) {
            run(driver, 5, "npm", "ci", "--no-audit", "--no-fund");
        }
        Path shots = Path.of("target/dev-ui-screenshots", name).toAbsolutePath();
        Files.createDirectories(shots);
        String output = run(driver, 3, "node", "event-console.mjs", baseUrl, shots.toString(), function, eventKind,
                invalidInput);
        JsonNode result = JSON.readTree(output.substring(output.lastIndexOf("\n{") + 1));
        if (result.has("failure")) {
            throw new AssertionError("The page did not behave: " + result.get("failure").asText() + "\nScreenshots: "
                    + shots);
        }
        return result;
    }

    private static String run(Path directory, int minutes, String... command) throws IOException, InterruptedException {
        Path output = Files.createTempFile(directory, "out", ".txt");
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish in " + minutes + " min:\n"
                    + Files.readString(output));
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue() + "):\n" + text);
        }
        return "\n" + text;
    }
}
