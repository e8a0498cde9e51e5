package dev.browserstorage.quarkus;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lets pages of any origin use an application's own {@code @WebSocket} endpoint with the identity of
 * the browser they run in.
 *
 * <p>By default an endpoint that resolves a browser (it injects a generated store, {@code
 * BrowserCookies}, {@code BrowserLocalStorage}, {@code BrowserSessionStorage} or {@link
 * BrowserIdentity}, or reaches one through another bean) refuses a handshake whose {@code Origin} is
 * neither the server's own nor in {@code quarkus.browser-storage.allowed-origins}: otherwise any site
 * the user visits could open it with the user's cookies and read or write the user's storage
 * (cross-site WebSocket hijacking). Put this on an endpoint only when it authenticates its clients
 * some other way and means to serve other sites' pages.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface AllowCrossOrigin {}
