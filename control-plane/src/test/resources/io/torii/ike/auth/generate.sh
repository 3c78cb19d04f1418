#!/bin/sh
# Regenerates the certificate fixtures of io.torii.ike.auth with strongSwan's pki tool (5.9) and OpenSSL.
# Valid for 25 years from generation (--lifetime 9125), except sun-expired, which expired in 2021.
set -e
cd "$(dirname "$0")"
L=9125
pki() { command pki "$@" 2>/dev/null; }
pki --gen --type ecdsa --size 256 --outform pem > ca.key
pki --self --in ca.key --type ecdsa --dn "C=CH, O=Torii Test, CN=Torii Test CA" --ca --lifetime $L \
  --outform pem > ca.pem
pki --gen --type ecdsa --size 256 --outform pem > other-ca.key
pki --self --in other-ca.key --type ecdsa --dn "C=CH, O=Intruder, CN=Other CA" --ca --lifetime $L \
  --outform pem > other-ca.pem
issue() { # name keytype dn san [ca] [extra...]
  name=$1; type=$2; dn=$3; san=$4; ca=${5:-ca}; shift 5 2>/dev/null || shift 4
  pki --pub --in $name.key --type priv | pki --issue --cacert $ca.pem --cakey $ca.key --dn "$dn" --san "$san" \
    --flag serverAuth --flag clientAuth --outform pem "$@" > $name.pem
}
for host in moon sun; do
  pki --gen --type ecdsa --size 256 --outform pem > $host-ecdsa.key
  issue $host-ecdsa ecdsa "C=CH, O=Torii Test, CN=$host.example" $host.example ca --lifetime $L
  pki --gen --type rsa --size 2048 --outform pem > $host-rsa.key
  issue $host-rsa rsa "C=CH, O=Torii Test, CN=$host-rsa.example" $host-rsa.example ca --lifetime $L
  pki --gen --type ed25519 --outform pem > $host-ed25519.key
  issue $host-ed25519 ed25519 "C=CH, O=Torii Test, CN=$host-ed.example" $host-ed.example ca --lifetime $L
done
pki --gen --type ecdsa --size 384 --outform der > moon-p384.der
pki --pub --in moon-p384.der --type priv | pki --issue --cacert ca.pem --cakey ca.key \
  --dn "C=CH, O=Torii Test, CN=moon-p384.example" --san moon-p384.example --san 192.0.2.1 --lifetime $L \
  --outform pem > moon-p384.pem
cp sun-ecdsa.key sun-expired.key
issue sun-expired ecdsa "C=CH, O=Torii Test, CN=sun.example" sun.example ca \
  --not-before "01.01.20 00:00:00" --not-after "01.01.21 00:00:00"
cp sun-ecdsa.key sun-revoked.key
issue sun-revoked ecdsa "C=CH, O=Torii Test, CN=sun.example" sun.example ca --lifetime $L --serial 7e57
pki --signcrl --cacert ca.pem --cakey ca.key --cert sun-revoked.pem --reason key-compromise --lifetime $L \
  --outform pem > ca.crl
cp sun-ecdsa.key sun-other.key
issue sun-other ecdsa "C=CH, O=Torii Test, CN=sun.example" sun.example other-ca --lifetime $L
# The same ECDSA key as PKCS#8, plain and encrypted (PBES2, AES-256, passphrase "torii test").
openssl pkcs8 -topk8 -nocrypt -in moon-ecdsa.key -out moon-ecdsa.pkcs8
openssl pkcs8 -topk8 -v2 aes256 -passout pass:"torii test" -in moon-ecdsa.key -out moon-ecdsa-encrypted.pkcs8
# A chain for sending intermediates: chain-root (self-signed) -> chain-ca1 -> chain-ca2 -> moon-chain, all ECDSA
# P-256; chain-ca2-impostor has chain-ca2's DN but its own key (issued by chain-ca1), so only a signature check
# tells the two apart.
pki --gen --type ecdsa --size 256 --outform pem > chain-root.key
pki --self --in chain-root.key --type ecdsa --dn "C=CH, O=Torii Test, CN=Torii Chain Root" --ca --lifetime $L \
  --outform pem > chain-root.pem
for ca in chain-ca1 chain-ca2 chain-ca2-impostor moon-chain; do
  pki --gen --type ecdsa --size 256 --outform pem > $ca.key
done
pki --pub --in chain-ca1.key --type priv | pki --issue --cacert chain-root.pem --cakey chain-root.key --ca \
  --dn "C=CH, O=Torii Test, CN=Torii Chain CA 1" --lifetime $L --outform pem > chain-ca1.pem
for ca in chain-ca2 chain-ca2-impostor; do
  pki --pub --in $ca.key --type priv | pki --issue --cacert chain-ca1.pem --cakey chain-ca1.key --ca \
    --dn "C=CH, O=Torii Test, CN=Torii Chain CA 2" --lifetime $L --outform pem > $ca.pem
done
issue moon-chain ecdsa "C=CH, O=Torii Test, CN=moon-chain.example" moon-chain.example chain-ca2 --lifetime $L
