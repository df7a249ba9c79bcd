package io.jenkins.plugins.codegen.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * An https front for a plain-http server (the simulator) on loopback: it ends TLS with a self-signed
 * certificate for one host name, made for the test by the JDK's {@code keytool}, and pipes the
 * decrypted bytes to the server. {@link #clientContext()} trusts that certificate and nothing else.
 */
public final class TlsFront implements AutoCloseable {
    private static final char[] PASSWORD = "test-only".toCharArray();

    private final SSLServerSocket server;
    private final SSLContext clientContext;
    private final InetSocketAddress target;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "test-tls-front");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param host   the name in the certificate (its subject alternative name)
     * @param target where the decrypted requests go
     * @param folder a folder for the key store
     */
    public TlsFront(String host, InetSocketAddress target, Path folder) throws IOException, GeneralSecurityException,
            InterruptedException {
        this.target = target;
        Path store = folder.resolve("tls-front.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "front", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=" + host, "-ext", "SAN=dns:" + host, "-storetype", "PKCS12", "-keystore",
                store.toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0 || !Files.exists(store)) {
            throw new IOException("keytool failed: " + output);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD);
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(keyManagers.getKeyManagers(), null, null);

        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("front", keys.getCertificate("front"));
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trusted);
        clientContext = SSLContext.getInstance("TLS");
        clientContext.init(null, trustManagers.getTrustManagers(), null);

        server = (SSLServerSocket) serverContext.getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
    }

    /** A client context that trusts this front's certificate only. */
    public SSLContext clientContext() {
        return clientContext;
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
        try (client; Socket upstream = new Socket(target.getAddress(), target.getPort())) {
            open.add(upstream);
            threads.execute(() -> {
                try {
                    upstream.getInputStream().transferTo(client.getOutputStream());
                    client.close();
                } catch (IOException e) {
                    // One side closed.
                }
            });
            client.getInputStream().transferTo(upstream.getOutputStream());
        } catch (IOException e) {
            // A failed handshake or a closed side ends this connection only.
        }
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
