package dev.browserstorage.quarkus.deployment.protect;

import dev.browserstorage.quarkus.Browsers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.net.URI;

/** What the tests that speak to the app over a real sync socket are given (add it to the test application). */
abstract class SocketTest {
    @TestHTTPResource("/")
    URI base;

    @Inject
    Browsers browsers;

    @Inject
    Vertx vertx;
}
