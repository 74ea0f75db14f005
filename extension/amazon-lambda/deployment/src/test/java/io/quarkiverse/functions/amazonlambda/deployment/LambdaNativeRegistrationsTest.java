package io.quarkiverse.functions.amazonlambda.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.builder.BuildContext;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.mutiny.Uni;

/**
 * Native readiness of a Lambda application, checked without GraalVM ({@code quarkus-amazon-lambda} refuses the
 * sources-only package): the reflection registrations the native image would get cover the function types, nested
 * types included. The binding itself reads events as JSON trees, so no event class needs registering.
 */
class LambdaNativeRegistrationsTest {

    /** The build runs in another class loader: the captured names travel through a system property. */
    static final String PROPERTY = "functions.test.reflective-classes";

    @RegisterExtension
    static final QuarkusUnitTest test = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Orders.class, Order.class, Line.class, Receipt.class))
            .addBuildChainCustomizer(chain -> chain.addBuildStep(LambdaNativeRegistrationsTest::capture)
                    .consumes(ReflectiveClassBuildItem.class)
                    .produces(FeatureBuildItem.class)
                    .build());

    static void capture(BuildContext context) {
        Set<String> names = new TreeSet<>();
        for (ReflectiveClassBuildItem item : context.consumeMulti(ReflectiveClassBuildItem.class)) {
            names.addAll(item.getClassNames());
        }
        System.setProperty(PROPERTY, String.join(",", names));
        context.produce(new FeatureBuildItem("capture-reflection"));
    }

    static Set<String> registered() {
        Set<String> names = new TreeSet<>(Arrays.asList(System.getProperty(PROPERTY, "").split(",")));
        names.remove("");
        assertThat(names).as("reflection registrations captured from the build").isNotEmpty();
        return names;
    }

    @Test
    void functionTypesAndTheirNestedTypesAreRegistered() {
        assertThat(registered()).contains(Order.class.getName(), Line.class.getName(), Receipt.class.getName());
    }

    @Test
    void noLambdaEventClassIsNeeded() {
        assertThat(registered()).noneMatch(name -> name.startsWith("com.amazonaws.services.lambda.runtime.events."));
    }

    public record Line(String sku, int quantity) {
    }

    public record Order(String id, List<Line> lines) {
    }

    public record Receipt(String orderId, long totalCents) {
    }

    public static class Orders {
        @Funq
        public Uni<Receipt> place(Order order) {
            return Uni.createFrom().item(new Receipt(order.id(), order.lines().size()));
        }
    }
}
