package io.quarkiverse.functions.deployment;

final class BuildFailures {

    private BuildFailures() {
    }

    /**
     * @return the messages of the whole cause chain, so a test can find the build step's own message
     */
    static String messages(Throwable failure) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            out.append(t.getMessage()).append('\n');
        }
        return out.toString();
    }
}
