package umqtt.transport.tls.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.impl.TlsAEADCipherImpl;

/**
 * AES-GCM record protection by the JDK's {@code AES/GCM/NoPadding}, which runs on the CPU's AES
 * and carry-less multiply instructions: several times the throughput of BouncyCastle's pure-Java GCM on the
 * bulk data path. One instance encrypts or decrypts one direction of one connection.
 */
final class JdkAesGcm implements TlsAEADCipherImpl {

    private final boolean encrypt;
    private final int macSize;
    private final Cipher cipher;
    private SecretKeySpec key;

    JdkAesGcm(boolean encrypt, int macSize) throws IOException {
        this.encrypt = encrypt;
        this.macSize = macSize;
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new TlsFatalAlert(AlertDescription.internal_error, "the JDK has no AES/GCM/NoPadding", e);
        }
    }

    @Override
    public void setKey(byte[] bytes, int offset, int length) {
        key = new SecretKeySpec(bytes, offset, length, "AES");
    }

    @Override
    public void init(byte[] nonce, int macSize) throws IOException {
        try {
            cipher.init(encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, key, new GCMParameterSpec(macSize * 8, nonce));
        } catch (GeneralSecurityException e) {
            throw new TlsFatalAlert(AlertDescription.internal_error, "cannot start AES-GCM", e);
        }
    }

    @Override
    public int getOutputSize(int inputLength) {
        return encrypt ? inputLength + macSize : inputLength - macSize;
    }

    @Override
    public int doFinal(byte[] additionalData, byte[] input, int inputOffset, int inputLength, byte[] output,
            int outputOffset) throws IOException {
        try {
            if (additionalData != null) {
                cipher.updateAAD(additionalData);
            }
            return cipher.doFinal(input, inputOffset, inputLength, output, outputOffset);
        } catch (AEADBadTagException e) {
            throw new TlsFatalAlert(AlertDescription.bad_record_mac, e);
        } catch (GeneralSecurityException e) {
            throw new TlsFatalAlert(AlertDescription.internal_error, "AES-GCM failed", e);
        }
    }
}
