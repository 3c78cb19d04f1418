package io.torii.ike.auth;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Splits a credential file into its DER objects as strongSwan's pem plugin reads them: PEM blocks
 * ({@code -----BEGIN LABEL-----}, optional RFC 1421 headers, Base64, {@code -----END LABEL-----}) when the
 * file holds any, else the whole file as one DER object.
 */
final class PemBlocks
{
    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";

    private PemBlocks()
    {
    }

    /**
     * One object of a file.
     *
     * @param label the PEM label, such as {@code CERTIFICATE}; empty for a DER file.
     * @param encrypted whether RFC 1421 headers say the block is encrypted (OpenSSL's legacy format).
     * @param der the DER bytes.
     */
    record Block(String label, boolean encrypted, byte[] der)
    {
    }

    /**
     * @param file the file's bytes.
     * @return its objects, or a refusal when a PEM block is not Base64 or not closed.
     */
    static CredentialResult<List<Block>> read(final byte[] file)
    {
        final String text = new String(file, StandardCharsets.ISO_8859_1);
        if (!text.contains(BEGIN))
        {
            return file.length == 0 ? CredentialResult.refused("the file is empty") :
                CredentialResult.ok(List.of(new Block("", false, file.clone())));
        }
        final List<Block> blocks = new ArrayList<>();
        int at = text.indexOf(BEGIN);
        while (at >= 0)
        {
            final int labelEnd = text.indexOf(DASHES, at + BEGIN.length());
            if (labelEnd < 0)
            {
                return CredentialResult.refused("a PEM BEGIN line is not closed with -----");
            }
            final String label = text.substring(at + BEGIN.length(), labelEnd);
            final String endLine = END + label + DASHES;
            final int end = text.indexOf(endLine, labelEnd);
            if (end < 0)
            {
                return CredentialResult.refused("no " + endLine + " line");
            }
            final StringBuilder base64 = new StringBuilder();
            boolean encrypted = false;
            for (final String line : text.substring(labelEnd + DASHES.length(), end).split("\r?\n"))
            {
                if (line.indexOf(':') >= 0)
                {
                    encrypted |= line.startsWith("Proc-Type:") && line.contains("ENCRYPTED");
                    continue;
                }
                base64.append(line.strip());
            }
            try
            {
                blocks.add(new Block(label, encrypted, Base64.getDecoder().decode(base64.toString())));
            }
            catch (final IllegalArgumentException ex)
            {
                return CredentialResult.refused("the PEM block " + label + " is not Base64");
            }
            at = text.indexOf(BEGIN, end + endLine.length());
        }
        return CredentialResult.ok(blocks);
    }
}
