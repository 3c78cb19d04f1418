package io.torii.ike.keymat;

import java.util.HexFormat;

/**
 * The first SHA-1 case of the NIST CAVS IKEv2 KDF test vectors (SP 800-135 §4.2, "ikev2" in the CAVP
 * KDF component tests): 1024-bit g^ir, 8-byte nonces, DKM of 1056 bits.
 */
final class CavsIkev2Vector
{
    private static final HexFormat HEX = HexFormat.of();

    static final byte[] NI = HEX.parseHex("3651fef5c9c35e93");
    static final byte[] NR = HEX.parseHex("c09a8b90a3f04d59");
    static final byte[] SPI_I = HEX.parseHex("8e5c3ae507221684");
    static final byte[] SPI_R = HEX.parseHex("b1f201bb155c3acd");
    static final byte[] GIR = HEX.parseHex(
        "d084a30166a50fb7325c3960874a839449ef9741c2f4f947d0201dd8c1269273d79509f37e3ca3eb4fa2fe2a28254e28" +
        "9cd3f34dad4eb4df1a07685a4b8a94fa61e2491f7598b3ce65547ff133b3f63d1ac4175eaa695033f3cedb026a6873a3" +
        "6455172a8540b8a5d23a0143bed0390ee49b168269d75fffee9fb62be965993c");
    static final byte[] GIR_NEW = HEX.parseHex(
        "52f00ab174c25d5b7139ae5ff4e8e9eddee5992d2e36adf8a559ffd90dab1442e4fbe429d320c0f33552a17d1557fa41" +
        "ea70e8fb916c4fa27ed52b5f8ebd8461afa78f1159159a64055ac5f6319e29c28eae58cbc6847770f32c3fed1d047504" +
        "84f854790f95e9ec01bc5bc461f24966462e359511329305038e94deb6dd42c2");
    static final byte[] SKEYSEED = HEX.parseHex("cd2e8050137832245f1dbacc6e4f0a92f94d45d6");
    static final byte[] DKM = HEX.parseHex(
        "6f1b12cad3cbe097b35430356d869d54cddb0198ec859174d53ceb92dddedbe2436db69f60977c58fa63bbb667f8d369" +
        "20b109baae8f6c61a9ac49feda01843225d080ec5539d5881a25521ffb2a0a91874a9c0a27fcc2d717eb8963a9e3a89c" +
        "7ab264757284c28cf8c3ca40576f4220b052b1fb8e9ad60ba3c80557323331a8cbb89f20");
    /** prf+(SK_d, Ni | Nr) with SK_d the first 20 bytes of DKM. */
    static final byte[] DKM_CHILD_SA = HEX.parseHex(
        "4727dc0ef94eb326ce131cf282fb652faa638ad0ddae3786a11bcc0309876009f8c485de011ad962c5b1ca8a41ff8145" +
        "445749079c5686e26ffebbc342f06981f3da745e11ca0976424d1f8caec623d59dc7186deb20a27b411d1dcb70a36544" +
        "0bf7de905088b0692e8addc094e18d1939bdb67e89798ca6b239e2ccb81c2409dac0106c");
    /** prf+(SK_d, g^ir (new) | Ni | Nr). */
    static final byte[] DKM_CHILD_SA_DH = HEX.parseHex(
        "b109c21ad4c0797768c1cec9e63554681e48f224bca7f23c20c4ea7041983451e9aa1d5408656c8a975ff1b9d9a12c75" +
        "ffeb64bdecb30174664cccb4e14f1c377b7f6d1525af77c7092aac3e47f917ebae8297fb5539d2008ce830823a09cc19" +
        "7361d4a289c72745f6ce9fefe812be5bf55b3200fbb82e41a4a40877d3fe106db909707b");
    /** prf(SK_d, g^ir (new) | Ni | Nr). */
    static final byte[] SKEYSEED_REKEY = HEX.parseHex("3b03bce748c96d5e8306918d2ff89b68f0648da3");

    private CavsIkev2Vector()
    {
    }
}
