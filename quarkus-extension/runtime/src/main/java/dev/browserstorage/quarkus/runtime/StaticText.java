package dev.browserstorage.quarkus.runtime;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Serves one text the extension owns (the glue, the stores' schemas) with {@code Cache-Control:
 * no-cache} and a strong {@code ETag}: a browser keeps its copy but asks each time whether it is
 * still current, so a new deployment is never mixed with an old glue, and an unchanged one costs
 * a 304.
 */
final class StaticText implements Handler<RoutingContext> {
    private final Buffer body;
    private final String contentType;
    private final String etag;

    StaticText(String text, String contentType) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        this.body = Buffer.buffer(bytes);
        this.contentType = contentType;
        this.etag = '"' + digest(bytes) + '"';
    }

    String etag() {
        return etag;
    }

    @Override
    public void handle(RoutingContext context) {
        var response = context.response()
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                .putHeader(HttpHeaders.ETAG, etag)
                .putHeader("X-Content-Type-Options", "nosniff");
        if (matches(context.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
            response.setStatusCode(304).end();
            return;
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, contentType);
        if (context.request().method() == HttpMethod.HEAD) {
            response.putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(body.length()))
                    .end();
        } else {
            response.end(body);
        }
    }

    private boolean matches(String ifNoneMatch) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    private static String digest(byte[] bytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 22);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
