package io.jenkins.plugins.codegen.plugin.agent;

import hudson.console.LineTransformationOutputStream;
import io.jenkins.plugins.codegen.secret.SecretMasker;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;

/**
 * The build log, with the API token and the proxy password (and their encoded forms) replaced by
 * {@code ****} in every line. Line by line, so a secret split across two writes is still caught.
 * Never close it: that would close the build log; call {@link #forceEol()} and {@link #flush()}.
 */
public final class MaskingOutputStream extends LineTransformationOutputStream.Delegating {
    private final SecretMasker masker;
    private final Charset charset;

    public MaskingOutputStream(OutputStream out, SecretMasker masker, Charset charset) {
        super(out);
        this.masker = masker;
        this.charset = charset;
    }

    @Override
    protected void eol(byte[] b, int len) throws IOException {
        String line = new String(b, 0, len, charset);
        out.write(masker.mask(line).getBytes(charset));
    }
}
