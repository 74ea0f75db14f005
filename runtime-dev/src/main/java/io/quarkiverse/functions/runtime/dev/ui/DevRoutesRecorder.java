package io.quarkiverse.functions.runtime.dev.ui;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.functions.runtime.dev.EventConsole;
import io.quarkiverse.functions.runtime.internal.FunctionInvoker;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.annotations.Recorder;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * Dev mode of the bindings without an HTTP server of their own (AWS Lambda, Google Cloud Functions): their functions
 * on {@code localhost:8080}. {@code POST /<function>} delivers the body (and, for Cloud Functions, the headers) to that
 * function exactly as its deployment would receive it, through the binding's {@link EventConsole}: a Lambda event
 * document of any trigger, or a Cloud Functions HTTP request, CloudEvent or legacy event. {@code GET /} lists the
 * functions. Anything else goes on to Quarkus's routes (the Dev UI, its 404 page).
 */
@Recorder
public class DevRoutesRecorder {

    public Handler<RoutingContext> handler() {
        return new DevRoutes();
    }

    static final class DevRoutes implements Handler<RoutingContext> {

        private static final ObjectMapper MAPPER = new ObjectMapper();

        @Override
        public void handle(RoutingContext ctx) {
            String path = ctx.normalizedPath();
            FunctionInvoker invoker = Arc.container().instance(FunctionInvoker.class).get();
            String name = path.length() > 1 ? path.substring(1) : "";
            if (ctx.request().method() == HttpMethod.POST && invoker.catalog().get(name) != null) {
                deliver(ctx, name);
            } else if (ctx.request().method() == HttpMethod.GET && name.isEmpty()) {
                list(ctx, invoker, 200);
            } else if (ctx.request().method() == HttpMethod.POST && !name.isEmpty() && !name.contains("/")) {
                list(ctx, invoker, 404);
            } else {
                ctx.next();
            }
        }

        private static void deliver(RoutingContext ctx, String function) {
            Map<String, String> headers = new LinkedHashMap<>();
            ctx.request().headers().forEach(h -> headers.putIfAbsent(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
            // the binding's handler blocks (the function runs on the calling thread): off the event loop
            // Quarkus hands the request over paused: read it whole, then let it flow
            Future<Buffer> body = ctx.request().body();
            ctx.request().resume();
            body.compose(bytes -> ctx.vertx().executeBlocking(() -> DevConsoles.send(function, headers, bytes.toString()),
                            false))
                    .onSuccess(reply -> {
                        ctx.response().setStatusCode(reply.status());
                        reply.headers().forEach((name, value) -> ctx.response().putHeader(name, value));
                        ctx.response().end(reply.body() == null ? "" : reply.body());
                    })
                    .onFailure(ctx::fail);
        }

        private static void list(RoutingContext ctx, FunctionInvoker invoker, int status) {
            EventConsole console = DevConsoles.current();
            ObjectNode answer = MAPPER.createObjectNode();
            answer.put("platform", console.platform());
            if (status == 404) {
                answer.put("detail", "No function is named '" + ctx.normalizedPath().substring(1)
                        + "'. POST an event of the platform to one of these functions.");
            }
            ArrayNode functions = answer.putArray("functions");
            for (String name : new TreeSet<>(invoker.catalog().names())) {
                functions.addObject().put("name", name).put("path", "/" + name).put("entryPoint",
                        console.entryPoint(name));
            }
            answer.put("devUi", "/q/dev-ui/quarkus-functions/event-console");
            ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(answer.toString());
        }
    }
}
