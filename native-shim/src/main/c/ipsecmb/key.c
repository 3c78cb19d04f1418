/*
 * Key schedules: everything a cipher and an HMAC need per packet, expanded once when an SA is
 * installed, in memory the caller owns (Java keeps it off-heap next to the SA's other hot state).
 */
#include <string.h>
#include "ipsecmb_internal.h"

void wipe(void *p, const size_t len)
{
    explicit_bzero(p, len);
}

uint64_t torii_ipsecmb_key_size(void)
{
    return sizeof(key_schedule);
}

void torii_ipsecmb_key_wipe(void *key)
{
    if (key != NULL) {
        wipe(key, sizeof(key_schedule));
    }
}

static uint32_t cipher_key_len(const int32_t cipher)
{
    switch (cipher) {
    case TORII_IPSECMB_CIPHER_AES_CBC_128:       return 16;
    case TORII_IPSECMB_CIPHER_AES_CBC_256:       return 32;
    case TORII_IPSECMB_CIPHER_AES_GCM_128:
    case TORII_IPSECMB_CIPHER_AES_GMAC_128:      return 16 + SALT_LEN;
    case TORII_IPSECMB_CIPHER_AES_GCM_256:
    case TORII_IPSECMB_CIPHER_AES_GMAC_256:
    case TORII_IPSECMB_CIPHER_CHACHA20_POLY1305: return 32 + SALT_LEN;
    default:                                     return 0;
    }
}

static uint8_t icv_len(const int32_t integ)
{
    switch (integ) {
    case TORII_IPSECMB_INTEG_HMAC_SHA2_256_128: return 16;
    case TORII_IPSECMB_INTEG_HMAC_SHA2_384_192: return 24;
    case TORII_IPSECMB_INTEG_HMAC_SHA2_512_256: return 32;
    default:                                    return AEAD_TAG_LEN;
    }
}

/* Which combinations make an SA: a combined mode alone, or NULL/CBC with an HMAC. */
static int valid_suite(const int32_t cipher, const int32_t integ)
{
    if (cipher < TORII_IPSECMB_CIPHER_NULL || cipher > TORII_IPSECMB_CIPHER_AES_GMAC_256 ||
        integ < TORII_IPSECMB_INTEG_NONE || integ > TORII_IPSECMB_INTEG_HMAC_SHA2_512_256) {
        return 0;
    }
    return is_combined((uint32_t)cipher) ? integ == TORII_IPSECMB_INTEG_NONE
                                         : integ != TORII_IPSECMB_INTEG_NONE;
}

/*
 * RFC 2104: the hash states after one block of (key xor ipad) and of (key xor opad), which
 * ipsec-mb's HMAC jobs start from. A key longer than the block is hashed first.
 */
static void hmac_precompute(IMB_MGR *imb, key_schedule *key, const int32_t integ,
                            const uint8_t *auth_key, const uint32_t auth_key_len)
{
    const size_t block = integ == TORII_IPSECMB_INTEG_HMAC_SHA2_256_128 ? 64 : MAX_HASH_BLOCK;
    uint8_t padded[MAX_HASH_BLOCK] = {0};
    uint8_t pad[MAX_HASH_BLOCK];

    if (auth_key_len > block) {
        switch (integ) {
        case TORII_IPSECMB_INTEG_HMAC_SHA2_256_128: IMB_SHA256(imb, auth_key, auth_key_len, padded); break;
        case TORII_IPSECMB_INTEG_HMAC_SHA2_384_192: IMB_SHA384(imb, auth_key, auth_key_len, padded); break;
        default:                                    IMB_SHA512(imb, auth_key, auth_key_len, padded); break;
        }
    } else {
        memcpy(padded, auth_key, auth_key_len);
    }
    for (int round = 0; round < 2; round++) {
        const uint8_t xor = round == 0 ? 0x36 : 0x5c;
        uint8_t *state = round == 0 ? key->ipad : key->opad;
        for (size_t i = 0; i < block; i++) {
            pad[i] = (uint8_t)(padded[i] ^ xor);
        }
        switch (integ) {
        case TORII_IPSECMB_INTEG_HMAC_SHA2_256_128: IMB_SHA256_ONE_BLOCK(imb, pad, state); break;
        case TORII_IPSECMB_INTEG_HMAC_SHA2_384_192: IMB_SHA384_ONE_BLOCK(imb, pad, state); break;
        default:                                    IMB_SHA512_ONE_BLOCK(imb, pad, state); break;
        }
    }
    wipe(padded, sizeof(padded));
    wipe(pad, sizeof(pad));
}

static void expand_cipher(IMB_MGR *imb, key_schedule *key, const int32_t cipher,
                          const uint8_t *cipher_key, const uint8_t *iv_seed)
{
    switch (cipher) {
    case TORII_IPSECMB_CIPHER_AES_GCM_128:
    case TORII_IPSECMB_CIPHER_AES_GMAC_128:
        IMB_AES128_GCM_PRE(imb, cipher_key, &key->cipher_keys.gcm);
        memcpy(key->salt, cipher_key + 16, SALT_LEN);
        break;
    case TORII_IPSECMB_CIPHER_AES_GCM_256:
    case TORII_IPSECMB_CIPHER_AES_GMAC_256:
        IMB_AES256_GCM_PRE(imb, cipher_key, &key->cipher_keys.gcm);
        memcpy(key->salt, cipher_key + 32, SALT_LEN);
        break;
    case TORII_IPSECMB_CIPHER_CHACHA20_POLY1305:
        memcpy(key->cipher_keys.chacha_key, cipher_key, 32);
        memcpy(key->salt, cipher_key + 32, SALT_LEN);
        break;
    case TORII_IPSECMB_CIPHER_AES_CBC_128:
    case TORII_IPSECMB_CIPHER_AES_CBC_256: {
        uint8_t unused_dec[ROUND_KEYS_LEN + 16];
        if (cipher == TORII_IPSECMB_CIPHER_AES_CBC_128) {
            IMB_AES_KEYEXP_128(imb, cipher_key, key->cipher_keys.cbc.enc, key->cipher_keys.cbc.dec);
        } else {
            IMB_AES_KEYEXP_256(imb, cipher_key, key->cipher_keys.cbc.enc, key->cipher_keys.cbc.dec);
        }
        IMB_AES_KEYEXP_128(imb, iv_seed, key->cipher_keys.cbc.iv_key, unused_dec);
        memcpy(key->iv_prefix, iv_seed + 16, sizeof(key->iv_prefix));
        key->iv_counter = 0;
        wipe(unused_dec, sizeof(unused_dec));
        break;
    }
    default:
        break;
    }
}

int32_t torii_ipsecmb_key_init(
    const torii_ipsecmb_mgr *mgr,
    void *schedule,
    const int32_t cipher,
    const int32_t integ,
    const uint8_t *cipher_key,
    const uint32_t cipher_key_length,
    const uint8_t *auth_key,
    const uint32_t auth_key_length,
    const uint8_t *iv_seed,
    const uint32_t iv_seed_length)
{
    if (mgr == NULL || schedule == NULL || ((uintptr_t)schedule % TORII_IPSECMB_KEY_ALIGN) != 0) {
        return TORII_IPSECMB_EINVAL;
    }
    key_schedule *key = schedule;
    wipe(key, sizeof(*key));
    if (!valid_suite(cipher, integ) ||
        cipher_key_length != cipher_key_len(cipher) || (cipher_key_length > 0 && cipher_key == NULL)) {
        return TORII_IPSECMB_EINVAL;
    }
    if (integ != TORII_IPSECMB_INTEG_NONE &&
        (auth_key == NULL || auth_key_length == 0 || auth_key_length > TORII_IPSECMB_MAX_HMAC_KEY)) {
        return TORII_IPSECMB_EINVAL;
    }
    if (is_cbc((uint32_t)cipher) && (iv_seed == NULL || iv_seed_length != TORII_IPSECMB_IV_SEED_LEN)) {
        return TORII_IPSECMB_EINVAL;
    }

    IMB_MGR *imb = mgr->imb;
    expand_cipher(imb, key, cipher, cipher_key, iv_seed);
    if (integ != TORII_IPSECMB_INTEG_NONE) {
        hmac_precompute(imb, key, integ, auth_key, auth_key_length);
    }
    if (imb_get_errno(imb) != 0) {
        wipe(key, sizeof(*key));
        return TORII_IPSECMB_ELIBRARY;
    }
    key->cipher = (uint16_t)cipher;
    key->integ = (uint16_t)integ;
    key->arch = mgr->arch;
    key->iv_len = is_combined((uint32_t)cipher) ? AEAD_IV_LEN : is_cbc((uint32_t)cipher) ? AES_BLOCK : 0;
    key->icv_len = icv_len(integ);
    key->magic = KEY_MAGIC;
    return TORII_IPSECMB_OK;
}
