package workshop.kit.partner;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A relay on loopback between the dashboard and the partner API server that sees what the server
 * cannot: whether the client still holds a request open. A request counts as waiting from its
 * first byte until the first byte of its answer, or until the client closes the connection; a
 * client that cancels an exchange closes its connection, so its request stops waiting here at once,
 * even when the server behind would never answer.
 *
 * <p>Use it where a check must see a client let go of a request (a cancelled page, a timeout on
 * the client's side): the server behind it keeps a hung request open whatever the client does.
 * Every connection is relayed by two virtual threads, one per direction.
 */
public final class PartnerRelay implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress server;
    private final ExecutorService pumps = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();

    private PartnerRelay(URI server) throws IOException {
        this.server = new InetSocketAddress(server.getHost(), server.getPort());
        this.listener = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
        pumps.execute(this::accept);
    }

    /** A relay to the server at {@code server}. */
    public static PartnerRelay to(URI server) throws IOException {
        return new PartnerRelay(server);
    }

    /** The address to give the dashboard instead of the server's. */
    public URI baseUri() {
        return URI.create("http://" + listener.getInetAddress().getHostAddress() + ":" + listener.getLocalPort() + "/");
    }

    /** Requests the client still holds open without an answer yet. */
    public int waiting() {
        return waiting.get();
    }

    /** Requests relayed so far. */
    public int requests() {
        return requests.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket upstream = new Socket(server.getAddress(), server.getPort());
                sockets.add(client);
                sockets.add(upstream);
                AtomicBoolean requestWaiting = new AtomicBoolean();
                pumps.execute(() -> pump(client, upstream, requestWaiting, true));
                pumps.execute(() -> pump(upstream, client, requestWaiting, false));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, AtomicBoolean requestWaiting, boolean fromClient) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) != -1; ) {
                if (fromClient) {
                    if (requestWaiting.compareAndSet(false, true)) {
                        waiting.incrementAndGet();
                        requests.incrementAndGet();
                    }
                } else if (requestWaiting.compareAndSet(true, false)) {
                    waiting.decrementAndGet();
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException gone) {
            // one side closed the connection
        } finally {
            if (requestWaiting.compareAndSet(true, false)) {
                waiting.decrementAndGet();
            }
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void closeQuietly(Socket socket) {
        sockets.remove(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        sockets.forEach(this::closeQuietly);
        pumps.close();
    }
}
