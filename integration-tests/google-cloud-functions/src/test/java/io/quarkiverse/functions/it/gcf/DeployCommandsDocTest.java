package io.quarkiverse.functions.it.gcf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The deploy commands of docs/google-cloud-functions.md name the entry points and the directory that the integration
 * tests run under the invoker, and export functions that exist: a user can copy them.
 */
class DeployCommandsDocTest {

    private static final Path PAGE = Path.of("..", "..", "docs", "google-cloud-functions.md");
    private static final Pattern COMMAND = Pattern.compile("gcloud functions deploy [^`]*?(?=```)", Pattern.DOTALL);

    @Test
    void deployCommandsUseTheTestedEntryPointsSourceAndFunctions() throws IOException {
        String page = Files.readString(PAGE);
        List<String> commands = new ArrayList<>();
        Matcher command = COMMAND.matcher(page);
        while (command.find()) {
            commands.add(command.group());
        }
        assertThat(commands).as("deploy commands in %s", PAGE).hasSize(3);

        List<String> entryPoints = new ArrayList<>();
        for (String deploy : commands) {
            entryPoints.add(value(deploy, "--entry-point"));
            assertThat(value(deploy, "--source")).isEqualTo("target/deployment");
            String export = value(deploy, "--set-env-vars").split(",")[0];
            assertThat(export).startsWith("QUARKUS_FUNCTIONS_EXPORT=");
            // functions of the example application
            assertThat(export.substring("QUARKUS_FUNCTIONS_EXPORT=".length())).isIn("greet", "uploaded");
            assertThat(deploy.contains("--trigger-http")).isEqualTo(
                    value(deploy, "--entry-point").equals(InvokerProcess.HTTP_ENTRY_POINT));
        }
        assertThat(entryPoints).containsOnly(InvokerProcess.HTTP_ENTRY_POINT, InvokerProcess.EVENT_ENTRY_POINT)
                .contains(InvokerProcess.HTTP_ENTRY_POINT, InvokerProcess.EVENT_ENTRY_POINT);
        // the page's entry points are the real classes
        for (String entryPoint : entryPoints) {
            assertThat(classExists(entryPoint)).as(entryPoint).isTrue();
        }
    }

    private static String value(String command, String option) {
        Matcher value = Pattern.compile(Pattern.quote(option) + "=(\\S+)").matcher(command);
        assertThat(value.find()).as("%s in %s", option, command).isTrue();
        return value.group(1);
    }

    private static boolean classExists(String name) {
        try {
            Class.forName(name, false, DeployCommandsDocTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
