/*
 * The C limit the ESP benchmarks are measured against: ipsec-mb's AES-GCM called directly on each
 * job's buffer, with none of ESP's work (no IV written, no sequence check, no job validation
 * beyond the key's kind). Benchmark use only.
 */
#include "ipsecmb_internal.h"

#define RAW_PREFETCH_AHEAD 4

int32_t torii_ipsecmb_raw_gcm_seal(torii_ipsecmb_mgr *mgr, torii_ipsecmb_esp_job *jobs, const uint32_t count)
{
    if (mgr == NULL || jobs == NULL || count == 0 || count > TORII_IPSECMB_MAX_BATCH) {
        return TORII_IPSECMB_EINVAL;
    }
    for (uint32_t i = 0; i < count; i++) {
        const key_schedule *key = (const key_schedule *)(uintptr_t)jobs[i].key;
        if (key == NULL || key->magic != KEY_MAGIC || key->arch != mgr->arch ||
            (key->cipher != TORII_IPSECMB_CIPHER_AES_GCM_128 && key->cipher != TORII_IPSECMB_CIPHER_AES_GCM_256) ||
            jobs[i].icv_offset < 16) {
            return TORII_IPSECMB_EINVAL;
        }
    }
    uint8_t nonce[12] = {0};
    /* As ESP does: with many keys each job's schedule is loaded a few jobs ahead. */
    for (uint32_t i = 0; i < count && i < RAW_PREFETCH_AHEAD; i++) {
        prefetch_gcm_key(mgr, &jobs[i]);
    }
    for (uint32_t i = 0; i < count; i++) {
        if (i + RAW_PREFETCH_AHEAD < count && jobs[i + RAW_PREFETCH_AHEAD].key != jobs[i].key) {
            prefetch_gcm_key(mgr, &jobs[i + RAW_PREFETCH_AHEAD]);
        }
        const key_schedule *key = (const key_schedule *)(uintptr_t)jobs[i].key;
        uint8_t *packet = (uint8_t *)(uintptr_t)jobs[i].packet;
        uint8_t *data = packet + 16;
        const uint64_t length = jobs[i].icv_offset - 16u;
        struct gcm_context_data context;
        memcpy(nonce, key->salt, SALT_LEN);
        if (key->cipher == TORII_IPSECMB_CIPHER_AES_GCM_256) {
            IMB_AES256_GCM_ENC(mgr->imb, &key->cipher_keys.gcm, &context, data, data, length, nonce, packet, 8,
                               packet + jobs[i].icv_offset, AEAD_TAG_LEN);
        } else {
            IMB_AES128_GCM_ENC(mgr->imb, &key->cipher_keys.gcm, &context, data, data, length, nonce, packet, 8,
                               packet + jobs[i].icv_offset, AEAD_TAG_LEN);
        }
    }
    return (int32_t)count;
}
