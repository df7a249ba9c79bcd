package io.jenkins.plugins.codegen.watch;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One GET of an https API through an HTTP proxy that asks for a password, over a {@code CONNECT}
 * tunnel opened here with the proxy's credentials, as the bridge opens its own: TLS then runs end to
 * end with the API, its certificate checked against the host name, and the request is HTTP/1.1 with
 * {@code Connection: close}. It blocks its thread until the answer is read or the request timeout
 * passes. A 407 to the {@code CONNECT} is that answer (the proxy refused the credentials); any other
 * refusal of the tunnel is a connection failure, as the bridge reports it.
 */
final class ProxyTunnel implements AutoCloseable {
    /** Far more than a page of a run's log; a longer answer is not the API's. */
    static final int MAX_ANSWER = 32 << 20;
    private static final int MAX_HEAD = 64 << 10;

    private final SSLContext tls;
    private final String userAgent;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    ProxyTunnel(SSLContext tls, String userAgent) {
        this.tls = tls;
        this.userAgent = userAgent;
    }

    ApiReads.Reply get(URI target, Map<String, String> headers, InetSocketAddress proxy, String proxyAuthorization,
                       Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String host = target.getHost(); // an IPv6 address in brackets, as a Host header wants it
        String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        int port = target.getPort() > 0 ? target.getPort() : 443;
        String authority = host + ":" + port;
        Socket socket = new Socket();
        SSLSocket session = null;
        track(socket);
        try {
            InetSocketAddress address = proxy.isUnresolved()
                    ? new InetSocketAddress(proxy.getHostString(), proxy.getPort()) : proxy;
            if (address.isUnresolved()) {
                throw new UnknownHostException("proxy " + proxy.getHostString());
            }
            socket.connect(address, remainingMillis(deadline));
            socket.setTcpNoDelay(true);
            send(socket.getOutputStream(), "CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority
                    + "\r\nProxy-Authorization: " + proxyAuthorization + "\r\nUser-Agent: " + userAgent + "\r\n\r\n");
            // Unbuffered: the TLS session starts right after the proxy's blank line.
            Head tunnel = Head.read(new DeadlineInput(socket, socket.getInputStream(), deadline));
            if (tunnel.status() == 407) {
                return new ApiReads.Reply(407, null, null);
            }
            if (tunnel.status() != 200) {
                throw new ConnectException("the proxy refused the tunnel: " + tunnel.statusLine());
            }
            session = (SSLSocket) tls.getSocketFactory().createSocket(socket, name, port, true);
            track(session);
            SSLParameters parameters = session.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            session.setSSLParameters(parameters);
            session.setSoTimeout(remainingMillis(deadline));
            session.startHandshake();
            StringBuilder request = new StringBuilder("GET ").append(target.getRawPath())
                    .append(target.getRawQuery() == null ? "" : "?" + target.getRawQuery()).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(target.getPort() > 0 ? authority : host).append("\r\n");
            headers.forEach((header, value) -> request.append(header).append(": ").append(value).append("\r\n"));
            send(session.getOutputStream(), request.append("Connection: close\r\n\r\n").toString());
            InputStream in = new BufferedInputStream(new DeadlineInput(session, session.getInputStream(), deadline));
            Head answer = Head.read(in);
            while (answer.status() >= 100 && answer.status() < 200) {
                answer = Head.read(in);
            }
            return new ApiReads.Reply(answer.status(), answer.header("retry-after"), body(answer, in));
        } finally {
            open.remove(socket);
            if (session != null) {
                open.remove(session);
            }
            socket.close(); // the TLS session with it; no close_notify needed after Connection: close
        }
    }

    private void track(Socket socket) throws IOException {
        open.add(socket);
        if (closed) {
            socket.close();
        }
    }

    private static void send(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static byte[] body(Head answer, InputStream in) throws IOException {
        String length = answer.header("content-length");
        if ("chunked".equalsIgnoreCase(answer.header("transfer-encoding"))) {
            return chunked(in);
        }
        if (length != null) {
            long size;
            try {
                size = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                throw new IOException("the answer has an invalid Content-Length");
            }
            if (size < 0 || size > MAX_ANSWER) {
                throw new IOException("the answer is too long (" + size + " bytes)");
            }
            byte[] body = in.readNBytes((int) size);
            if (body.length < size) {
                throw new IOException("the connection closed in the middle of the answer");
            }
            return body;
        }
        return upTo(in, MAX_ANSWER);
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = Head.line(in);
            long size;
            try {
                size = Long.parseLong(sizeLine.split(";", 2)[0].strip(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("the answer's chunked encoding is broken");
            }
            if (size == 0) {
                while (!Head.line(in).isEmpty()) {
                    // trailers: none that matter
                }
                return body.toByteArray();
            }
            if (size < 0 || body.size() + size > MAX_ANSWER) {
                throw new IOException("the answer is too long");
            }
            byte[] chunk = in.readNBytes((int) size);
            if (chunk.length < size) {
                throw new IOException("the connection closed in the middle of the answer");
            }
            body.write(chunk);
            Head.line(in);
        }
    }

    private static byte[] upTo(InputStream in, int max) throws IOException {
        byte[] body = in.readNBytes(max + 1);
        if (body.length > max) {
            throw new IOException("the answer is too long");
        }
        return body;
    }

    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long remaining = (deadline - System.nanoTime()) / 1_000_000;
        if (remaining <= 0) {
            throw new SocketTimeoutException("the request timed out");
        }
        return (int) Math.min(Integer.MAX_VALUE, remaining);
    }

    /** Closes the tunnels in flight: their reads fail at once. */
    @Override
    public void close() {
        closed = true;
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException e) {
                // Closing anyway.
            }
        }
        open.clear();
    }

    /** A status line and headers (names in lower case; the first of each). */
    private record Head(int status, String statusLine, Map<String, String> headers) {
        static Head read(InputStream in) throws IOException {
            String statusLine = line(in);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/") || !parts[1].matches("\\d{3}")) {
                throw new IOException("the answer is not HTTP: "
                        + statusLine.substring(0, Math.min(60, statusLine.length())));
            }
            Map<String, String> headers = new HashMap<>();
            int size = statusLine.length();
            for (String line = line(in); !line.isEmpty(); line = line(in)) {
                size += line.length();
                if (size > MAX_HEAD) {
                    throw new IOException("the answer's headers are too long");
                }
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.putIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                            line.substring(colon + 1).strip());
                }
            }
            return new Head(Integer.parseInt(parts[1]), statusLine, headers);
        }

        String header(String name) {
            return headers.get(name);
        }

        /** One line without its CRLF; the end of the stream before it is a dropped connection. */
        static String line(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c == -1) {
                    throw new IOException("the connection was closed before an answer came");
                }
                if (line.size() > MAX_HEAD) {
                    throw new IOException("the answer's headers are too long");
                }
                line.write(c);
            }
            String text = line.toString(StandardCharsets.ISO_8859_1);
            return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        }
    }

    /** Reads that fail once the request's time is up, however the answer trickles in. */
    private static final class DeadlineInput extends InputStream {
        private final Socket socket;
        private final InputStream in;
        private final long deadline;

        DeadlineInput(Socket socket, InputStream in, long deadline) {
            this.socket = socket;
            this.in = in;
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            socket.setSoTimeout(remainingMillis(deadline));
            return in.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            socket.setSoTimeout(remainingMillis(deadline));
            return in.read(buffer, offset, length);
        }
    }
}
