package io.quarkiverse.functions.deployment;

import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;

import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.Produce;
import io.quarkus.deployment.builditem.ServiceStartBuildItem;
import io.quarkus.deployment.pkg.builditem.CurateOutcomeBuildItem;
import io.quarkus.maven.dependency.ResolvedDependency;

/**
 * Warns at build time when an application has more than one platform binding: an application uses one, and one
 * application is built per platform from a shared module of functions.
 */
class BindingsProcessor {

    private static final Logger LOG = Logger.getLogger(BindingsProcessor.class);

    /** The artifacts of the platform bindings, in the order the warning names them. */
    static final List<String> BINDINGS = List.of("quarkus-functions-http", "quarkus-functions-amazon-lambda",
            "quarkus-functions-google-cloud-functions");

    /**
     * Only logs. It declares {@link ServiceStartBuildItem} as its product, as Quarkus's own checks that only log or
     * throw do, so that it runs in every launch mode (a step whose product nobody consumes is never run); it produces
     * no such item. It reads the application's dependencies, not the installed features: the model is resolved before
     * any step runs, whereas a step that waits for every feature can close a cycle with steps that consume service
     * starts.
     */
    @BuildStep
    @Produce(ServiceStartBuildItem.class)
    void warnOnMoreThanOneBinding(CurateOutcomeBuildItem curateOutcome) {
        List<String> artifacts = new ArrayList<>();
        for (ResolvedDependency dependency : curateOutcome.getApplicationModel().getRuntimeDependencies()) {
            if ("io.quarkiverse.functions".equals(dependency.getGroupId())) {
                artifacts.add(dependency.getArtifactId());
            }
        }
        String warning = moreThanOneBinding(artifacts);
        if (warning != null) {
            LOG.warn(warning);
        }
    }

    /**
     * @param artifacts the artifact ids of the application's runtime dependencies of group {@code io.quarkiverse.functions}
     * @return the warning when they hold more than one platform binding, or {@code null}
     */
    static String moreThanOneBinding(List<String> artifacts) {
        List<String> bindings = new ArrayList<>();
        for (String binding : BINDINGS) {
            if (artifacts.contains(binding)) {
                bindings.add(binding);
            }
        }
        if (bindings.size() < 2) {
            return null;
        }
        return "This application has more than one Quarkus Functions platform binding: " + String.join(", ", bindings)
                + ". An application uses one binding. Fix: build one application per platform, each with one binding,"
                + " from a shared module of functions (see docs/installation.md, One binding per application).";
    }
}
