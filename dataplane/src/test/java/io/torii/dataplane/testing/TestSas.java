package io.torii.dataplane.testing;

import io.torii.dataplane.crypto.EncryptionAlgorithm;
import io.torii.dataplane.crypto.IntegrityAlgorithm;
import io.torii.dataplane.sadb.IpsecMode;
import io.torii.dataplane.sadb.IpsecProtocol;
import io.torii.dataplane.sadb.SaConfig;
import java.util.Random;

/**
 * Matching outbound and inbound SA records for tests, with deterministic keys.
 *
 * @param encryption the encryption algorithm ({@link EncryptionAlgorithm#NULL} for AH).
 * @param integrity the integrity algorithm.
 * @param protocol ESP or AH.
 * @param mode tunnel or transport.
 * @param outerIpv6 whether the SA's addresses are IPv6.
 * @param encap UDP encapsulation.
 * @param esn extended sequence numbers.
 * @param initialSequence the last sequence number sent / highest received.
 * @param replayWindow the inbound window.
 * @param tfcPad TFC padding target.
 */
public record TestSas(EncryptionAlgorithm encryption, IntegrityAlgorithm integrity, IpsecProtocol protocol,
    IpsecMode mode, boolean outerIpv6, boolean encap, boolean esn, long initialSequence, int replayWindow, int tfcPad)
{
    /** SPI used by every test SA. */
    public static final int SPI = 0x0000_1000;

    /**
     * @return a tunnel-mode ESP pair over IPv4 with the given suite and nothing else special.
     */
    public static TestSas esp(final EncryptionAlgorithm encryption, final IntegrityAlgorithm integrity)
    {
        return new TestSas(encryption, integrity, IpsecProtocol.ESP, IpsecMode.TUNNEL, false, false, false, 0, 64, 0);
    }

    /**
     * @return an AH pair with the given integrity algorithm, tunnel mode over IPv4.
     */
    public static TestSas ah(final IntegrityAlgorithm integrity)
    {
        return new TestSas(EncryptionAlgorithm.NULL, integrity, IpsecProtocol.AH, IpsecMode.TUNNEL, false, false,
            false, 0, 64, 0);
    }

    public TestSas withMode(final IpsecMode newMode)
    {
        return new TestSas(encryption, integrity, protocol, newMode, outerIpv6, encap, esn, initialSequence,
            replayWindow, tfcPad);
    }

    public TestSas withOuterIpv6(final boolean ipv6)
    {
        return new TestSas(encryption, integrity, protocol, mode, ipv6, encap, esn, initialSequence, replayWindow,
            tfcPad);
    }

    public TestSas withEncap(final boolean udp)
    {
        return new TestSas(encryption, integrity, protocol, mode, outerIpv6, udp, esn, initialSequence, replayWindow,
            tfcPad);
    }

    public TestSas withEsn(final boolean extended, final long initial)
    {
        return new TestSas(encryption, integrity, protocol, mode, outerIpv6, encap, extended, initial, replayWindow,
            tfcPad);
    }

    public TestSas withReplayWindow(final int window)
    {
        return new TestSas(encryption, integrity, protocol, mode, outerIpv6, encap, esn, initialSequence, window,
            tfcPad);
    }

    public TestSas withTfcPad(final int padTo)
    {
        return new TestSas(encryption, integrity, protocol, mode, outerIpv6, encap, esn, initialSequence,
            replayWindow, padTo);
    }

    /** @return the outbound record; fresh key arrays each call. */
    public SaConfig outbound()
    {
        return config("out");
    }

    /** @return the inbound record, with the same keys as {@link #outbound()}. */
    public SaConfig inbound()
    {
        return config("in");
    }

    /** @return the outer source address literal. */
    public String source()
    {
        return outerIpv6 ? "2001:db8::1" : "192.0.2.1";
    }

    /** @return the outer destination address literal. */
    public String destination()
    {
        return outerIpv6 ? "2001:db8::2" : "192.0.2.2";
    }

    private SaConfig config(final String name)
    {
        final Random keys = new Random(encryption.ordinal() * 31L + integrity.ordinal());
        final byte[] encryptionKey = new byte[encryption.keyMaterialLength()];
        final byte[] integrityKey = new byte[integrity.keyLength()];
        keys.nextBytes(encryptionKey);
        keys.nextBytes(integrityKey);
        return new SaConfig(name, SPI, Packets.address(source()), Packets.address(destination()), protocol, mode,
            encap, SaConfig.NAT_T_PORT, SaConfig.NAT_T_PORT, encryption, integrity, encryptionKey, integrityKey, esn,
            initialSequence, replayWindow, tfcPad);
    }
}
