package io.torii.ike.keymat;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.ike.crypto.Prf;
import io.torii.ike.crypto.PrfIds;
import io.torii.ike.crypto.WeakAlgorithms;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ChildKeyDerivationTest
{
    private static final Prf SHA1 = Prf.forId(PrfIds.PRF_HMAC_SHA1, WeakAlgorithms.ALLOW).orElseThrow();
    private static final byte[] SK_D = Arrays.copyOf(CavsIkev2Vector.DKM, 20);

    @Test
    void keymatWithoutPfsIsTheCavsChildSaDkmSplitInRfcOrder()
    {
        // 2 * (46 + 20) = 132 bytes, the CAVS DKM length.
        try (ChildKeys keys = ChildKeyDerivation.derive(SHA1, SK_D, null, CavsIkev2Vector.NI, CavsIkev2Vector.NR,
            46, 20))
        {
            final byte[] dkm = CavsIkev2Vector.DKM_CHILD_SA;
            assertThat(keys.initiatorEncryption()).isEqualTo(Arrays.copyOfRange(dkm, 0, 46));
            assertThat(keys.initiatorIntegrity()).isEqualTo(Arrays.copyOfRange(dkm, 46, 66));
            assertThat(keys.responderEncryption()).isEqualTo(Arrays.copyOfRange(dkm, 66, 112));
            assertThat(keys.responderIntegrity()).isEqualTo(Arrays.copyOfRange(dkm, 112, 132));
        }
    }

    @Test
    void keymatWithPfsPutsTheNewSharedSecretFirst()
    {
        try (ChildKeys keys = ChildKeyDerivation.derive(SHA1, SK_D, CavsIkev2Vector.GIR_NEW, CavsIkev2Vector.NI,
            CavsIkev2Vector.NR, 66, 0))
        {
            assertThat(keys.initiatorIntegrity()).isEmpty();
            assertThat(IkeKeyDerivationTest.concat(keys.initiatorEncryption(), keys.responderEncryption()))
                .isEqualTo(CavsIkev2Vector.DKM_CHILD_SA_DH);
            assertThat(keys.toString()).doesNotContain("b109");
        }
    }
}
