package io.jenkins.plugins.codegen.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP proxy that asks for a user and password, as a corporate proxy does: every request,
 * a {@code CONNECT} for an https API as much as a plain-http request in absolute form, must carry
 * {@code Proxy-Authorization: Basic <user:password>}, or it is answered 407. A tunnel is piped to the
 * address its host is routed to (a {@link TlsFront} before the simulator); a plain request is sent on
 * to its routed address with {@code Connection: close} and the answer piped back. Host names are
 * routed, never resolved, so that the API can have a name that is not a loopback address (loopback
 * addresses never go through a proxy).
 */
public final class AuthenticatingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final String expected;
    private final Map<String, InetSocketAddress> routes = new ConcurrentHashMap<>();
    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "test-proxy");
        thread.setDaemon(true);
        return thread;
    });

    public AuthenticatingProxy(String user, String password) throws IOException {
        this.expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    /** Requests for {@code host:port} (a tunnel or plain requests) go to {@code target}. */
    public AuthenticatingProxy route(String host, int port, InetSocketAddress target) {
        routes.put(host.toLowerCase(Locale.ROOT) + ":" + port, target);
        return this;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The request lines it let through ({@code CONNECT api.codegen.test:443 HTTP/1.1}, {@code GET http://...}). */
    public List<String> accepted() {
        return List.copyOf(accepted);
    }

    /** The request lines it answered 407. */
    public List<String> refused() {
        return List.copyOf(refused);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                open.add(client);
                threads.execute(() -> serve(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            List<String> head = head(in);
            if (head.isEmpty()) {
                return;
            }
            String requestLine = head.get(0);
            String[] parts = requestLine.split(" ");
            if (!expected.equals(header(head, "Proxy-Authorization"))) {
                refused.add(requestLine);
                byte[] page = "<html><body>Proxy Authentication Required</body></html>"
                        .getBytes(StandardCharsets.UTF_8);
                OutputStream out = client.getOutputStream();
                out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\n"
                        + "Content-Type: text/html\r\nContent-Length: " + page.length + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.write(page);
                out.flush();
                return;
            }
            accepted.add(requestLine);
            if (parts[0].equals("CONNECT")) {
                tunnel(client, in, parts[1]);
            } else {
                forward(client, parts, head);
            }
        } catch (IOException e) {
            // The client or the target went away: so does this connection.
        }
    }

    private void tunnel(Socket client, InputStream in, String authority) throws IOException {
        InetSocketAddress target = routes.get(authority.toLowerCase(Locale.ROOT));
        OutputStream out = client.getOutputStream();
        if (target == null) {
            out.write("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            return;
        }
        try (Socket upstream = new Socket(target.getAddress(), target.getPort())) {
            open.add(upstream);
            out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            threads.execute(() -> pipe(upstream, client));
            in.transferTo(upstream.getOutputStream());
        }
    }

    private void forward(Socket client, String[] parts, List<String> head) throws IOException {
        URI uri = URI.create(parts[1]);
        int port = uri.getPort() > 0 ? uri.getPort() : 80;
        InetSocketAddress target = routes.get(uri.getHost().toLowerCase(Locale.ROOT) + ":" + port);
        if (target == null) {
            client.getOutputStream().write("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            return;
        }
        try (Socket upstream = new Socket(target.getAddress(), target.getPort())) {
            open.add(upstream);
            StringBuilder request = new StringBuilder(parts[0] + " " + uri.getRawPath()
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + " HTTP/1.1\r\n");
            for (String line : head.subList(1, head.size())) {
                String name = line.substring(0, Math.max(0, line.indexOf(':'))).strip();
                if (!name.equalsIgnoreCase("Proxy-Authorization") && !name.equalsIgnoreCase("Connection")) {
                    request.append(line).append("\r\n");
                }
            }
            request.append("Connection: close\r\n\r\n");
            upstream.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            upstream.getInputStream().transferTo(client.getOutputStream());
        }
    }

    private static void pipe(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            // One side closed.
        }
    }

    /** The request line and headers, up to the blank line; empty when the client sent nothing. */
    private static List<String> head(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1).replaceFirst("\r$", "");
                if (text.isEmpty()) {
                    return lines;
                }
                lines.add(text);
                line.reset();
            } else {
                line.write(c);
            }
        }
        return lines;
    }

    private static String header(List<String> head, String name) {
        for (String line : head.subList(1, head.size())) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).strip();
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
        threads.shutdownNow();
    }
}
