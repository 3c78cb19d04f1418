package io.torii.ike.proposal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every keyword family and alias of strongSwan's proposal strings, against the IANA transform IDs
 * (IKEv2 Transform Types 1 to 5) and the key lengths strongSwan gives them.
 */
class ProposalKeywordsTest
{
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // keyword, type, IANA id, key length
        "null, 1, 11, 0", "des, 1, 2, 0", "3des, 1, 3, 0",
        "aes, 1, 12, 128", "aes128, 1, 12, 128", "aes192, 1, 12, 192", "aes256, 1, 12, 256",
        "aes128ctr, 1, 13, 128", "aes192ctr, 1, 13, 192", "aes256ctr, 1, 13, 256",
        "aes128ccm8, 1, 14, 128", "aes128ccm64, 1, 14, 128", "aes192ccm12, 1, 15, 192", "aes192ccm96, 1, 15, 192",
        "aes256ccm16, 1, 16, 256", "aes256ccm128, 1, 16, 256", "aes256ccm, 1, 16, 256",
        "aes128gcm8, 1, 18, 128", "aes128gcm64, 1, 18, 128", "aes192gcm12, 1, 19, 192", "aes192gcm96, 1, 19, 192",
        "aes128gcm16, 1, 20, 128", "aes256gcm16, 1, 20, 256", "aes256gcm128, 1, 20, 256", "aes256gcm, 1, 20, 256",
        "aes128gmac, 1, 21, 128", "aes192gmac, 1, 21, 192", "aes256gmac, 1, 21, 256",
        "camellia, 1, 23, 128", "camellia128, 1, 23, 128", "camellia192, 1, 23, 192", "camellia256, 1, 23, 256",
        "chacha20poly1305, 1, 28, 0", "chacha20poly1305compat, 1, 28, 256",
        "blowfish, 1, 7, 128", "blowfish128, 1, 7, 128", "blowfish192, 1, 7, 192", "blowfish256, 1, 7, 256",
        "prfmd5, 2, 1, 0", "prfsha1, 2, 2, 0", "prfaesxcbc, 2, 4, 0", "prfsha256, 2, 5, 0", "prfsha384, 2, 6, 0",
        "prfsha512, 2, 7, 0", "prfaescmac, 2, 8, 0",
        "md5, 3, 1, 0", "sha, 3, 2, 0", "sha1, 3, 2, 0", "aesxcbc, 3, 5, 0", "aescmac, 3, 8, 0",
        "sha256, 3, 12, 0", "sha2_256, 3, 12, 0", "sha384, 3, 13, 0", "sha2_384, 3, 13, 0",
        "sha512, 3, 14, 0", "sha2_512, 3, 14, 0",
        "none, 4, 0, 0", "modpnone, 4, 0, 0", "modp768, 4, 1, 0", "modp1024, 4, 2, 0", "modp1536, 4, 5, 0",
        "modp2048, 4, 14, 0", "modp3072, 4, 15, 0", "modp4096, 4, 16, 0", "modp6144, 4, 17, 0",
        "modp8192, 4, 18, 0", "ecp256, 4, 19, 0", "ecp384, 4, 20, 0", "ecp521, 4, 21, 0",
        "modp1024s160, 4, 22, 0", "modp2048s224, 4, 23, 0", "modp2048s256, 4, 24, 0", "ecp192, 4, 25, 0",
        "ecp224, 4, 26, 0", "ecp224bp, 4, 27, 0", "ecp256bp, 4, 28, 0", "ecp384bp, 4, 29, 0",
        "ecp512bp, 4, 30, 0", "curve25519, 4, 31, 0", "x25519, 4, 31, 0", "curve448, 4, 32, 0", "x448, 4, 32, 0",
        "mlkem512, 4, 35, 0", "mlkem768, 4, 36, 0", "mlkem1024, 4, 37, 0",
        "noesn, 5, 0, 0", "esn, 5, 1, 0",
        "AES256GCM16, 1, 20, 256", "X25519, 4, 31, 0"})
    void keywordNamesItsTransform(final String keyword, final int type, final int id, final int keyLength)
    {
        assertThat(ProposalKeywords.lookup(keyword)).contains(new Transform(type, id, keyLength));
    }

    @ParameterizedTest
    @ValueSource(strings = {"aes512", "sha3", "aes128gcm20", "ecp255", "", "prf", "aes-128", "twofish"})
    void unknownWordsAreNotKeywords(final String word)
    {
        assertThat(ProposalKeywords.lookup(word)).isEmpty();
    }
}
