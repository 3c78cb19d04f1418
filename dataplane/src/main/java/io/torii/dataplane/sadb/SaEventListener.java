package io.torii.dataplane.sadb;

/**
 * Events the packet engine raises about an SA, for the control plane. Called on the worker
 * thread; implementations must not block (the dataplane runtime forwards them over a ring).
 */
public interface SaEventListener
{
    /** Ignores every event. */
    SaEventListener NONE = new SaEventListener()
    {
        @Override
        public void onSequenceSoftLimit(final int saSlot, final int spi)
        {
        }

        @Override
        public void onSequenceExhausted(final int saSlot, final int spi)
        {
        }
    };

    /**
     * The outbound sequence number passed the soft limit: rekey now. Raised once per SA.
     *
     * @param saSlot the SA's slot in its table.
     * @param spi its SPI.
     */
    void onSequenceSoftLimit(int saSlot, int spi);

    /**
     * The outbound sequence number reached its hard limit: the SA sends nothing more. Raised for
     * the first packet refused.
     *
     * @param saSlot the SA's slot in its table.
     * @param spi its SPI.
     */
    void onSequenceExhausted(int saSlot, int spi);
}
