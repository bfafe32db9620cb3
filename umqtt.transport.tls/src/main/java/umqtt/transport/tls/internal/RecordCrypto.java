package umqtt.transport.tls.internal;

import java.io.IOException;
import java.security.SecureRandom;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.TlsAEADCipher;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * BouncyCastle's lightweight crypto for the handshake (key exchange, signatures, certificates),
 * with AES-GCM records handed to the JDK (see {@link JdkAesGcm}). No JCA provider is installed or
 * named: the JDK's own AES-GCM is found the ordinary way.
 */
final class RecordCrypto extends BcTlsCrypto {

    RecordCrypto(SecureRandom random) {
        super(random);
    }

    @Override
    protected TlsAEADCipher createCipher_AES_GCM(TlsCryptoParameters parameters, int keySize, int macSize)
            throws IOException {
        return new TlsAEADCipher(parameters, new JdkAesGcm(true, macSize), new JdkAesGcm(false, macSize), keySize,
                macSize, TlsAEADCipher.AEAD_GCM, null);
    }
}
