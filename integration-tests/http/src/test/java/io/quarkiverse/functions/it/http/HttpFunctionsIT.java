package io.quarkiverse.functions.it.http;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The same tests against the packaged application ({@code quarkus-run.jar}) on a real socket.
 */
@QuarkusIntegrationTest
class HttpFunctionsIT extends HttpFunctionsTest {
}
