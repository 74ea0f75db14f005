package io.quarkiverse.functions.deployment;

import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;

import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.Produce;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.ServiceStartBuildItem;

/**
 * Warns at build time when an application has more than one platform binding: an application uses one, and one
 * application is built per platform from a shared module of functions.
 */
class BindingsProcessor {

    private static final Logger LOG = Logger.getLogger(BindingsProcessor.class);

    /** The features of the platform bindings, in the order the warning names them. */
    static final List<String> BINDING_FEATURES = List.of("functions-http", "functions-amazon-lambda",
            "functions-google-cloud-functions");

    /**
     * Only logs. It declares {@link ServiceStartBuildItem} as its product, as Quarkus's own checks that only log or
     * throw do, so that it runs in every launch mode (a step whose product nobody consumes is never run); it produces
     * no such item.
     */
    @BuildStep
    @Produce(ServiceStartBuildItem.class)
    void warnOnMoreThanOneBinding(List<FeatureBuildItem> features) {
        List<String> names = new ArrayList<>(features.size());
        for (FeatureBuildItem feature : features) {
            names.add(feature.getName());
        }
        String warning = moreThanOneBinding(names);
        if (warning != null) {
            LOG.warn(warning);
        }
    }

    /**
     * @return the warning when the installed features hold more than one platform binding, or {@code null}
     */
    static String moreThanOneBinding(List<String> features) {
        List<String> bindings = new ArrayList<>();
        for (String binding : BINDING_FEATURES) {
            if (features.contains(binding)) {
                bindings.add("quarkus-" + binding);
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
