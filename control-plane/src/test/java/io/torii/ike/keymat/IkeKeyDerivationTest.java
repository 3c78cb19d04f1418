package io.torii.ike.keymat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.torii.ike.crypto.EncryptionIds;
import io.torii.ike.crypto.IntegrityIds;
import io.torii.ike.crypto.Prf;
import io.torii.ike.crypto.PrfIds;
import io.torii.ike.crypto.SkCipherSuite;
import io.torii.ike.crypto.WeakAlgorithms;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class IkeKeyDerivationTest
{
    private static final Prf SHA1 = Prf.forId(PrfIds.PRF_HMAC_SHA1, WeakAlgorithms.ALLOW).orElseThrow();
    private static final Prf SHA256 = Prf.forId(PrfIds.PRF_HMAC_SHA2_256, WeakAlgorithms.REFUSE).orElseThrow();
    /** 20 + 20 + 20 + 16 + 16 + 20 + 20 = 132 bytes: the CAVS vector's 1056-bit DKM. */
    private static final SkCipherSuite AES128_SHA1 = SkCipherSuite.of(EncryptionIds.ENCR_AES_CBC, 128,
        IntegrityIds.AUTH_HMAC_SHA1_96, WeakAlgorithms.ALLOW).orElseThrow();

    @Test
    void skeyseedMatchesCavs()
    {
        assertThat(IkeKeyDerivation.skeyseed(SHA1, CavsIkev2Vector.NI, CavsIkev2Vector.NR, CavsIkev2Vector.GIR))
            .isEqualTo(CavsIkev2Vector.SKEYSEED);
    }

    @Test
    void sevenKeysAreTheCavsDkmInRfcOrder()
    {
        try (IkeKeys keys = IkeKeyDerivation.initialKeys(SHA1, AES128_SHA1, CavsIkev2Vector.NI, CavsIkev2Vector.NR,
            CavsIkev2Vector.GIR, CavsIkev2Vector.SPI_I, CavsIkev2Vector.SPI_R))
        {
            assertThat(concat(keys.skD(), keys.skAi(), keys.skAr(), keys.skEi(), keys.skEr(), keys.skPi(),
                keys.skPr())).isEqualTo(CavsIkev2Vector.DKM);
            assertThat(keys.skEi()).hasSize(16);
            assertThat(keys.skAi()).hasSize(20);
        }
    }

    @Test
    void rekeySkeyseedMatchesCavs()
    {
        final byte[] skD = Arrays.copyOf(CavsIkev2Vector.DKM, 20);
        assertThat(IkeKeyDerivation.rekeySkeyseed(SHA1, skD, CavsIkev2Vector.GIR_NEW, CavsIkev2Vector.NI,
            CavsIkev2Vector.NR)).isEqualTo(CavsIkev2Vector.SKEYSEED_REKEY);
    }

    /**
     * A rekey from HMAC-SHA1 to HMAC-SHA256: as strongSwan's keymat_v2.c does it, SKEYSEED and prf+ both
     * use the old SA's PRF (SHA1), while SK_d, SK_pi and SK_pr take the new PRF's key length (32 bytes).
     */
    @Test
    void rekeyedKeysUseTheOldPrfForSkeyseedAndPrfPlusAndTheNewPrfsKeyLength() throws Exception
    {
        final byte[] oldSkD = Arrays.copyOf(CavsIkev2Vector.DKM, 20);
        final SkCipherSuite gcm = SkCipherSuite.of(EncryptionIds.ENCR_AES_GCM_16, 256, IntegrityIds.NONE,
            WeakAlgorithms.REFUSE).orElseThrow();
        final byte[] spiI = new byte[] {1, 2, 3, 4, 5, 6, 7, 8};
        final byte[] spiR = new byte[] {9, 10, 11, 12, 13, 14, 15, 16};
        try (IkeKeys keys = IkeKeyDerivation.rekeyedKeys(SHA1, oldSkD, SHA256, gcm, CavsIkev2Vector.GIR_NEW,
            CavsIkev2Vector.NI, CavsIkev2Vector.NR, spiI, spiR))
        {
            final byte[] expected = hmacPrfPlus("HmacSHA1", CavsIkev2Vector.SKEYSEED_REKEY,
                concat(CavsIkev2Vector.NI, CavsIkev2Vector.NR, spiI, spiR), 32 * 3 + 36 * 2);
            assertThat(keys.skAi()).isEmpty();
            assertThat(keys.skAr()).isEmpty();
            assertThat(keys.skD()).hasSize(32);
            assertThat(keys.skPr()).hasSize(32);
            assertThat(keys.skEi()).hasSize(36);
            assertThat(concat(keys.skD(), keys.skEi(), keys.skEr(), keys.skPi(), keys.skPr())).isEqualTo(expected);
        }
    }

    @Test
    void rekeyedKeysWithTheSamePrfAgreeWithAnIndependentComputation() throws Exception
    {
        final byte[] oldSkD = new byte[32];
        Arrays.fill(oldSkD, (byte)0x44);
        final byte[] ni = new byte[32];
        final byte[] nr = new byte[32];
        Arrays.fill(ni, (byte)0x55);
        Arrays.fill(nr, (byte)0x66);
        final byte[] gir = new byte[32];
        Arrays.fill(gir, (byte)0x77);
        final byte[] spiI = new byte[] {1, 1, 1, 1, 1, 1, 1, 1};
        final byte[] spiR = new byte[] {2, 2, 2, 2, 2, 2, 2, 2};
        final SkCipherSuite gcm = SkCipherSuite.of(EncryptionIds.ENCR_AES_GCM_16, 256, IntegrityIds.NONE,
            WeakAlgorithms.REFUSE).orElseThrow();
        final Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(oldSkD, "HmacSHA256"));
        final byte[] skeyseed = mac.doFinal(concat(gir, ni, nr));
        final byte[] stream = hmacPrfPlus("HmacSHA256", skeyseed, concat(ni, nr, spiI, spiR), 32 * 3 + 36 * 2);
        try (IkeKeys keys = IkeKeyDerivation.rekeyedKeys(SHA256, oldSkD, SHA256, gcm, gir, ni, nr, spiI, spiR))
        {
            assertThat(keys.skD()).isEqualTo(Arrays.copyOfRange(stream, 0, 32));
            assertThat(keys.skEr()).isEqualTo(Arrays.copyOfRange(stream, 68, 104));
            assertThat(keys.skPr()).isEqualTo(Arrays.copyOfRange(stream, 136, 168));
        }
    }

    @Test
    void sha256KeysAgreeWithAnIndependentPrfPlus() throws Exception
    {
        final byte[] ni = new byte[32];
        final byte[] nr = new byte[32];
        Arrays.fill(ni, (byte)0x11);
        Arrays.fill(nr, (byte)0x22);
        final byte[] gir = new byte[32];
        Arrays.fill(gir, (byte)0x33);
        final byte[] spiI = new byte[] {1, 1, 1, 1, 1, 1, 1, 1};
        final byte[] spiR = new byte[] {2, 2, 2, 2, 2, 2, 2, 2};
        final SkCipherSuite suite = SkCipherSuite.of(EncryptionIds.ENCR_AES_CBC, 256,
            IntegrityIds.AUTH_HMAC_SHA2_256_128, WeakAlgorithms.REFUSE).orElseThrow();

        final Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(concat(ni, nr), "HmacSHA256"));
        final byte[] skeyseed = mac.doFinal(gir);
        final byte[] stream = hmacPrfPlus("HmacSHA256", skeyseed, concat(ni, nr, spiI, spiR), 7 * 32);

        try (IkeKeys keys = IkeKeyDerivation.initialKeys(SHA256, suite, ni, nr, gir, spiI, spiR))
        {
            assertThat(keys.skD()).isEqualTo(Arrays.copyOfRange(stream, 0, 32));
            assertThat(keys.skAi()).isEqualTo(Arrays.copyOfRange(stream, 32, 64));
            assertThat(keys.skAr()).isEqualTo(Arrays.copyOfRange(stream, 64, 96));
            assertThat(keys.skEi()).isEqualTo(Arrays.copyOfRange(stream, 96, 128));
            assertThat(keys.skEr()).isEqualTo(Arrays.copyOfRange(stream, 128, 160));
            assertThat(keys.skPi()).isEqualTo(Arrays.copyOfRange(stream, 160, 192));
            assertThat(keys.skPr()).isEqualTo(Arrays.copyOfRange(stream, 192, 224));
        }
    }

    @Test
    void closeZeroesAndRefusesFurtherUse()
    {
        final IkeKeys keys = IkeKeyDerivation.initialKeys(SHA1, AES128_SHA1, CavsIkev2Vector.NI, CavsIkev2Vector.NR,
            CavsIkev2Vector.GIR, CavsIkev2Vector.SPI_I, CavsIkev2Vector.SPI_R);
        assertThat(keys.toString()).doesNotContain("6f1b").contains("d 20");
        assertThat(keys.closed()).isFalse();
        keys.close();
        assertThat(keys.closed()).isTrue();
        assertThatThrownBy(keys::skD).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> keys.ciphers(AES128_SHA1, new java.security.SecureRandom()))
            .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesSpisThatAreNotEightBytes()
    {
        assertThatThrownBy(() -> IkeKeyDerivation.deriveKeys(SHA1, AES128_SHA1, CavsIkev2Vector.SKEYSEED,
            CavsIkev2Vector.NI, CavsIkev2Vector.NR, new byte[4], CavsIkev2Vector.SPI_R))
            .isInstanceOf(IllegalArgumentException.class);
    }

    /** RFC 7296 §2.13 written out directly on javax.crypto. */
    static byte[] hmacPrfPlus(final String algorithm, final byte[] key, final byte[] seed, final int length)
        throws Exception
    {
        final Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(key, algorithm));
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] block = new byte[0];
        for (int counter = 1; out.size() < length; counter++)
        {
            mac.update(block);
            mac.update(seed);
            mac.update((byte)counter);
            block = mac.doFinal();
            out.write(block);
        }
        return Arrays.copyOf(out.toByteArray(), length);
    }

    static byte[] concat(final byte[]... parts)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (final byte[] part : parts)
        {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
