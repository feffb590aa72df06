#include "platform/auth/seal.h"

#include <sodium.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <system_error>

namespace relais::auth {
namespace {

constexpr std::string_view kPrefix = "sb1:";
constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;

void InitSodium() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) throw std::runtime_error("libsodium failed to initialise");
}

}  // namespace

bool SealKey::empty() const {
  for (unsigned char b : bytes) {
    if (b != 0) return false;
  }
  return true;
}

SealKey SealKeyOf(std::string_view bytes32) {
  if (bytes32.size() != 32) throw std::invalid_argument("a seal key has 32 bytes");
  SealKey k;
  std::copy(bytes32.begin(), bytes32.end(), k.bytes.begin());
  return k;
}

SealKey LoadOrCreateSealKey(const std::string& path) {
  namespace fs = std::filesystem;
  InitSodium();
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    const fs::path p(path);
    if (p.has_parent_path()) fs::create_directories(p.parent_path(), ec);
    SealKey k;
    randombytes_buf(k.bytes.data(), k.bytes.size());
    const mode_t old = umask(077);
    {
      std::ofstream out(path, std::ios::binary | std::ios::trunc);
      out.write(reinterpret_cast<const char*>(k.bytes.data()), static_cast<std::streamsize>(k.bytes.size()));
      out.close();
      umask(old);
      if (!out) throw std::runtime_error("impossible de créer la clé du serveur " + path);
    }
    return k;
  }
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) throw std::runtime_error("clé du serveur illisible : " + path);
  if ((st.st_mode & 077) != 0) {
    throw std::runtime_error("la clé du serveur " + path + " est lisible par d'autres comptes : chmod 600");
  }
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) throw std::runtime_error("clé du serveur illisible : " + path);
  if (bytes.size() != 32) {
    throw std::runtime_error("la clé du serveur " + path + " doit faire 32 octets (elle en fait " +
                             std::to_string(bytes.size()) + ")");
  }
  SealKey k = SealKeyOf(bytes);
  sodium_memzero(bytes.data(), bytes.size());
  if (k.empty()) throw std::runtime_error("la clé du serveur " + path + " est nulle");
  return k;
}

bool IsSealed(std::string_view stored) { return stored.substr(0, kPrefix.size()) == kPrefix; }

std::string Seal(const SealKey& key, std::string_view plain) {
  InitSodium();
  if (key.empty()) throw std::logic_error("Seal without a key");
  std::string box(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plain.size(), '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(box.data());
  randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES, reinterpret_cast<const unsigned char*>(plain.data()),
                        plain.size(), nonce, key.bytes.data());
  std::string out(sodium_base64_encoded_len(box.size(), kVariant), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(box.data()), box.size(), kVariant);
  out.resize(out.size() - 1);  // the terminating NUL
  return std::string(kPrefix) + out;
}

std::optional<std::string> Unseal(const SealKey& key, std::string_view stored) {
  InitSodium();
  if (key.empty() || !IsSealed(stored)) return std::nullopt;
  const std::string_view b64 = stored.substr(kPrefix.size());
  std::string box(b64.size(), '\0');
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(box.data()), box.size(), b64.data(), b64.size(), nullptr,
                        &len, nullptr, kVariant) != 0 ||
      len < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
    return std::nullopt;
  }
  const auto* nonce = reinterpret_cast<const unsigned char*>(box.data());
  const size_t cipher_len = len - crypto_secretbox_NONCEBYTES;
  std::string plain(cipher_len - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()), nonce + crypto_secretbox_NONCEBYTES,
                                 cipher_len, nonce, key.bytes.data()) != 0) {
    return std::nullopt;
  }
  return plain;
}

}  // namespace relais::auth
