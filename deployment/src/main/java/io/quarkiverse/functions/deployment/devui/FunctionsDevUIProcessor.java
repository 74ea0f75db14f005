package io.quarkiverse.functions.deployment.devui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import io.quarkiverse.functions.deployment.FunctionSchema;
import io.quarkiverse.functions.deployment.FunctionSchemasBuildItem;
import io.quarkiverse.functions.deployment.SampleInput;
import io.quarkiverse.functions.runtime.dev.ui.DevInvocations;
import io.quarkiverse.functions.runtime.dev.ui.DevRoutesRecorder;
import io.quarkiverse.functions.runtime.dev.ui.FunctionsJsonRpcService;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
import io.quarkus.deployment.IsLocalDevelopment;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.RunTimeConfigurationDefaultBuildItem;
import io.quarkus.devui.spi.JsonRPCProvidersBuildItem;
import io.quarkus.devui.spi.page.CardPageBuildItem;
import io.quarkus.devui.spi.page.Page;
import io.quarkus.vertx.http.deployment.spi.RouteBuildItem;

/**
 * Dev mode: the Dev UI page "Event console" (every function with its schemas, a sample input, its timeout, event
 * types and entry point; sample events of the platform's triggers to edit, send, save and replay, with the reply, the
 * outcome and the log lines of the invocation), and, for the bindings without an HTTP server of their own, the
 * functions on {@code POST /<function>}.
 * <p>
 * The runtime side is {@code quarkus-functions-dev}, a conditional dev dependency of the core: an application gets it,
 * and the HTTP server it brings, in dev mode only.
 */
@BuildSteps(onlyIf = IsLocalDevelopment.class)
class FunctionsDevUIProcessor {

    @BuildStep
    CardPageBuildItem page(FunctionSchemasBuildItem schemas) {
        List<Map<String, Object>> functions = new ArrayList<>();
        for (FunctionSchema schema : schemas.getFunctions().values()) {
            Map<String, Object> function = new LinkedHashMap<>();
            function.put("name", schema.getName());
            function.put("inputSchema", schema.getInputDocument());
            function.put("outputSchema", schema.getOutputDocument());
            function.put("inputMediaType", schema.getInputMediaType());
            function.put("outputMediaType", schema.getOutputMediaType());
            // made at build time: the page pre-fills its forms with it
            function.put("sampleInput", SampleInput.of(schema.getInputDocument()));
            functions.add(function);
        }
        CardPageBuildItem card = new CardPageBuildItem();
        card.addBuildTimeData("functions", functions);
        card.addPage(Page.webComponentPageBuilder()
                .title("Event console")
                .componentLink("qwc-functions-event-console.js")
                .icon("font-awesome-solid:bolt")
                .staticLabel(String.valueOf(functions.size())));
        return card;
    }

    /**
     * The HTTP server that quarkus-functions-dev brings to Lambda and Cloud Functions applications listens on
     * localhost, as in any Quarkus application in dev mode: vertx-http's own default for it is not applied when the
     * extension comes as a conditional dev dependency.
     */
    @BuildStep
    void localhost(BuildProducer<RunTimeConfigurationDefaultBuildItem> defaults) {
        defaults.produce(new RunTimeConfigurationDefaultBuildItem("quarkus.http.host", "localhost"));
        defaults.produce(new RunTimeConfigurationDefaultBuildItem("quarkus.management.host", "localhost"));
    }

    @BuildStep
    JsonRPCProvidersBuildItem jsonRpc() {
        return new JsonRPCProvidersBuildItem(FunctionsJsonRpcService.class);
    }

    @BuildStep
    AdditionalBeanBuildItem invocations() {
        return AdditionalBeanBuildItem.unremovableOf(DevInvocations.class);
    }

    @BuildStep(onlyIf = WithoutHttpBinding.class)
    @Record(ExecutionTime.RUNTIME_INIT)
    RouteBuildItem routes(DevRoutesRecorder recorder) {
        return RouteBuildItem.newApplicationRoute("/*")
                .withRequestHandler(recorder.handler())
                .displayOnNotFoundPage("Functions (POST /<function>)")
                .build();
    }

    /**
     * The HTTP binding serves the functions itself; Lambda and Cloud Functions have no HTTP server outside dev mode.
     */
    static final class WithoutHttpBinding implements BooleanSupplier {
        @Override
        public boolean getAsBoolean() {
            return !QuarkusClassLoader.isClassPresentAtRuntime("io.quarkiverse.functions.http.runtime.FunctionsHttpRecorder");
        }
    }
}
