package io.torii.ike.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EcpKeyExchangeTest
{
    private static final HexFormat HEX = HexFormat.of();

    /** RFC 5903 §8.1, §8.2, §8.3: i, g^i (x, y), r, g^r (x, y), g^ir x. */
    enum Rfc5903Vector
    {
        ECP_256(KeyExchangeIds.ECP_256,
            "C88F01F510D9AC3F70A292DAA2316DE544E9AAB8AFE84049C62A9C57862D1433",
            "DAD0B65394221CF9B051E1FECA5787D098DFE637FC90B9EF945D0C3772581180",
            "5271A0461CDB8252D61F1C456FA3E59AB1F45B33ACCF5F58389E0577B8990BB3",
            "C6EF9C5D78AE012A011164ACB397CE2088685D8F06BF9BE0B283AB46476BEE53",
            "D12DFB5289C8D4F81208B70270398C342296970A0BCCB74C736FC7554494BF63",
            "56FBF3CA366CC23E8157854C13C58D6AAC23F046ADA30F8353E74F33039872AB",
            "D6840F6B42F6EDAFD13116E0E12565202FEF8E9ECE7DCE03812464D04B9442DE"),
        ECP_384(KeyExchangeIds.ECP_384,
            "099F3C7034D4A2C699884D73A375A67F7624EF7C6B3C0F160647B67414DCE655E35B538041E649EE3FAEF896783AB194",
            "667842D7D180AC2CDE6F74F37551F55755C7645C20EF73E31634FE72B4C55EE6DE3AC808ACB4BDB4C88732AEE95F41AA",
            "9482ED1FC0EEB9CAFC4984625CCFC23F65032149E0E144ADA024181535A0F38EEB9FCFF3C2C947DAE69B4C634573A81C",
            "41CB0779B4BDB85D47846725FBEC3C9430FAB46CC8DC5060855CC9BDA0AA2942E0308312916B8ED2960E4BD55A7448FC",
            "E558DBEF53EECDE3D3FCCFC1AEA08A89A987475D12FD950D83CFA41732BC509D0D1AC43A0336DEF96FDA41D0774A3571",
            "DCFBEC7AACF3196472169E838430367F66EEBE3C6E70C416DD5F0C68759DD1FFF83FA40142209DFF5EAAD96DB9E6386C",
            "11187331C279962D93D604243FD592CB9D0A926F422E47187521287E7156C5C4D603135569B9E9D09CF5D4A270F59746"),
        ECP_521(KeyExchangeIds.ECP_521,
            "0037ADE9319A89F4DABDB3EF411AACCCA5123C61ACAB57B5393DCE47608172A095AA85A30FE1C2952C6771D937BA9777" +
                "F5957B2639BAB072462F68C27A57382D4A52",
            "0015417E84DBF28C0AD3C278713349DC7DF153C897A1891BD98BAB4357C9ECBEE1E3BF42E00B8E380AEAE57C2D107564" +
                "941885942AF5A7F4601723C4195D176CED3E",
            "017CAE20B6641D2EEB695786D8C946146239D099E18E1D5A514C739D7CB4A10AD8A788015AC405D7799DC75E7B7D5B6C" +
                "F2261A6A7F1507438BF01BEB6CA3926F9582",
            "0145BA99A847AF43793FDD0E872E7CDFA16BE30FDC780F97BCCC3F078380201E9C677D600B343757A3BDBF2A3163E4C2" +
                "F869CCA7458AA4A4EFFC311F5CB151685EB9",
            "00D0B3975AC4B799F5BEA16D5E13E9AF971D5E9B984C9F39728B5E5739735A219B97C356436ADC6E95BB0352F6BE64A6" +
                "C2912D4EF2D0433CED2B6171640012D9460F",
            "015C68226383956E3BD066E797B623C27CE0EAC2F551A10C2C724D9852077B87220B6536C5C408A1D2AEBB8E86D678AE" +
                "49CB57091F4732296579AB44FCD17F0FC56A",
            "01144C7D79AE6956BC8EDB8E7C787C4521CB086FA64407F97894E5E6B2D79B04D1427E73CA4BAA240A34786859810C06" +
                "B3C715A3A8CC3151F2BEE417996D19F3DDEA");

        private final int group;
        private final byte[] i;
        private final byte[] gi;
        private final byte[] r;
        private final byte[] gr;
        private final byte[] girx;

        Rfc5903Vector(final int group, final String i, final String gix, final String giy, final String r,
            final String grx, final String gry, final String girx)
        {
            this.group = group;
            this.i = HEX.parseHex(i.toLowerCase());
            this.gi = HEX.parseHex((gix + giy).toLowerCase());
            this.r = HEX.parseHex(r.toLowerCase());
            this.gr = HEX.parseHex((grx + gry).toLowerCase());
            this.girx = HEX.parseHex(girx.toLowerCase());
        }
    }

    @ParameterizedTest
    @EnumSource(Rfc5903Vector.class)
    void matchesRfc5903TestVectors(final Rfc5903Vector vector)
    {
        try (KeyExchange initiator = KeyExchanges.fromPrivateKey(vector.group, vector.i);
            KeyExchange responder = KeyExchanges.fromPrivateKey(vector.group, vector.r))
        {
            assertThat(initiator.publicValue()).isEqualTo(vector.gi);
            assertThat(responder.publicValue()).isEqualTo(vector.gr);
            assertThat(initiator.sharedSecret(vector.gr).secret()).isEqualTo(vector.girx);
            assertThat(responder.sharedSecret(vector.gi).secret()).isEqualTo(vector.girx);
        }
    }

    @ParameterizedTest
    @EnumSource(Rfc5903Vector.class)
    void refusesPeerValuesThatAreNotPointsOfTheGroup(final Rfc5903Vector vector)
    {
        final int length = vector.gr.length;
        final byte[] offCurve = vector.gr.clone();
        offCurve[length - 1] ^= 1;
        final byte[] xEqualsP = vector.gr.clone();
        final BigInteger p = EcpCurve.forId(vector.group).prime();
        System.arraycopy(ByteArrays.toFixedBigEndian(p, length / 2), 0, xEqualsP, 0, length / 2);
        try (KeyExchange initiator = KeyExchanges.fromPrivateKey(vector.group, vector.i))
        {
            assertThat(initiator.sharedSecret(offCurve).failure()).isEqualTo(KeyExchangeFailure.NOT_ON_CURVE);
            assertThat(initiator.sharedSecret(xEqualsP).failure()).isEqualTo(KeyExchangeFailure.OUT_OF_RANGE);
            assertThat(initiator.sharedSecret(new byte[length]).failure())
                .isEqualTo(KeyExchangeFailure.POINT_AT_INFINITY);
            assertThat(initiator.sharedSecret(new byte[length - 1]).failure())
                .isEqualTo(KeyExchangeFailure.WRONG_LENGTH);
            assertThat(initiator.sharedSecret(vector.girx).failure()).isEqualTo(KeyExchangeFailure.WRONG_LENGTH);
        }
    }
}
