package io.quarkiverse.functions.bench.floor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

/**
 * The floor of AWS's managed Java runtime: a plain stream handler, so that what is left is the runtime interface
 * client's own cost. Handler: {@code io.quarkiverse.functions.bench.floor.FloorHandler::handleRequest}
 */
public class FloorHandler implements RequestStreamHandler {

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        output.write(Greet.greet(input.readAllBytes()));
    }
}
