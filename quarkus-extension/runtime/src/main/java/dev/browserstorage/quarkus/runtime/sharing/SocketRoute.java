package dev.browserstorage.quarkus.runtime.sharing;

import dev.browserstorage.browser.Browser;
import dev.browserstorage.protocol.SyncConnection;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/** Which node serves a sync socket: this one, which owns the browser, or another, to which its frames are relayed. */
public sealed interface SocketRoute {
    /**
     * This node owns the browser: the socket speaks the protocol to this copy.
     *
     * @param browser the copy the socket's {@link SyncConnection} drives
     * @param events told of the socket's hello and end
     */
    record Owned(Browser browser, OwnedSocket events) implements SocketRoute {}

    /**
     * Another node owns the browser: this node passes the socket's frames both ways.
     *
     * @param relay the relay
     */
    record Relayed(SocketRelay relay) implements SocketRoute {}

    /** What the owner of a browser is told of one of its sockets. */
    interface OwnedSocket {
        /**
         * A socket of the browser opened here: how to close it if this node must let the browser go.
         *
         * @param connection the socket's connection
         * @param closer closes the socket
         */
        void opened(SyncConnection connection, Closer closer);

        /**
         * The socket's hello was accepted.
         *
         * @param connection the socket's connection
         * @return completes once the snapshot the hello brought can be read from every node (or
         *     could not be stored); the socket's frames, its {@code welcome} first, wait for it
         */
        CompletionStage<Void> helloAccepted(SyncConnection connection);

        /**
         * The socket closed.
         *
         * @param connection the socket's connection
         */
        void closed(SyncConnection connection);
    }

    /** The frames of a socket whose browser another node owns. */
    interface SocketRelay {
        /**
         * Starts the relay.
         *
         * @param toBrowser sends a frame from the owner to the browser
         * @param close closes the socket with a code and a reason the owner or the relay gives
         */
        void start(Consumer<String> toBrowser, Closer close);

        /**
         * A frame from the browser, in order.
         *
         * @param frame the frame
         */
        void fromBrowser(String frame);

        /** The socket closed. */
        void closed();
    }

    /** Closes a relayed socket. */
    @FunctionalInterface
    interface Closer {
        /**
         * @param code the close code
         * @param reason the error frame's code
         * @param message the error frame's message
         */
        void close(int code, String reason, String message);
    }
}
