// ir/PointerMap.h — flat hash maps from object addresses (PointerMap: a node, a graph) and
// from names (NameMap) to a small value, for the per-program tables of the readers, the
// rewrite and the writers: one allocation for
// the whole table instead of one per entry (std::unordered_map), open addressing with linear
// probing, deletion by backward shift (no tombstones). Keys are compared, never dereferenced
// nor ordered, so nothing that iterates it may depend on its order: it offers no iteration.
//
//   ir::PointerMap<std::size_t> at(nodes.size());
//   at.insert(n, 3);                     // false if n was there (its value unchanged)
//   if (const std::size_t* i = at.find(n)) ...;
//   at.erase(n);
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace symrange::ir {

template <class V>
class PointerMap {
 public:
  /// Room for `expected` entries before the first growth.
  explicit PointerMap(std::size_t expected = 0) { rehash(capacityFor(expected)); }

  [[nodiscard]] std::size_t size() const { return size_; }
  [[nodiscard]] bool empty() const { return size_ == 0; }

  /// The value of `key`, or nullptr.
  [[nodiscard]] V* find(const void* key) {
    if (key == nullptr) return nullptr;
    for (std::size_t i = slot(key);; i = (i + 1) & mask_) {
      if (keys_[i] == key) return &values_[i];
      if (keys_[i] == nullptr) return nullptr;
    }
  }
  [[nodiscard]] const V* find(const void* key) const { return const_cast<PointerMap*>(this)->find(key); }
  [[nodiscard]] bool contains(const void* key) const { return find(key) != nullptr; }

  /// Adds `key` (not null) -> `value` unless `key` is there; returns whether it was added.
  bool insert(const void* key, V value) { return tryEmplace(key, std::move(value)).second; }
  /// The value of `key`, added as `value` if missing; second: whether it was added.
  std::pair<V*, bool> tryEmplace(const void* key, V value) {
    if ((size_ + 1) * 4 > keys_.size() * 3) rehash(keys_.size() * 2);
    std::size_t i = slot(key);
    for (; keys_[i] != nullptr; i = (i + 1) & mask_)
      if (keys_[i] == key) return {&values_[i], false};
    keys_[i] = key;
    values_[i] = std::move(value);
    ++size_;
    return {&values_[i], true};
  }
  /// Sets the value of `key` (added if missing).
  void set(const void* key, V value) {
    auto [v, added] = tryEmplace(key, value);
    if (!added) *v = std::move(value);
  }

  /// Removes `key`; returns whether it was there.
  bool erase(const void* key) {
    if (key == nullptr) return false;
    std::size_t i = slot(key);
    for (; keys_[i] != key; i = (i + 1) & mask_)
      if (keys_[i] == nullptr) return false;
    // backward shift: move up every later entry of the run that may sit in the hole
    for (std::size_t j = (i + 1) & mask_; keys_[j] != nullptr; j = (j + 1) & mask_) {
      const std::size_t home = slot(keys_[j]);
      // keys_[j] may move to i when its home is not cyclically within (i, j]
      const bool stays = i <= j ? (i < home && home <= j) : (i < home || home <= j);
      if (stays) continue;
      keys_[i] = keys_[j];
      values_[i] = std::move(values_[j]);
      i = j;
    }
    keys_[i] = nullptr;
    values_[i] = V{};
    --size_;
    return true;
  }

 private:
  static std::size_t capacityFor(std::size_t n) {
    std::size_t c = 16;
    while (c * 3 < n * 4 + 4) c *= 2;
    return c;
  }
  [[nodiscard]] std::size_t slot(const void* key) const {
    auto h = static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(key));
    h ^= h >> 29;
    h *= 0x9E3779B97F4A7C15ULL;
    return static_cast<std::size_t>(h >> 32) & mask_;
  }
  void rehash(std::size_t capacity) {
    std::vector<const void*> keys(capacity, nullptr);
    std::vector<V> values(capacity);
    keys.swap(keys_);
    values.swap(values_);
    mask_ = capacity - 1;
    size_ = 0;
    for (std::size_t i = 0; i < keys.size(); ++i)
      if (keys[i] != nullptr) (void)tryEmplace(keys[i], std::move(values[i]));
  }

  std::vector<const void*> keys_;
  std::vector<V> values_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

/// A set of addresses (PointerMap without values).
class PointerSet {
 public:
  explicit PointerSet(std::size_t expected = 0) : map_(expected) {}
  [[nodiscard]] bool contains(const void* key) const { return map_.contains(key); }
  bool insert(const void* key) { return map_.insert(key, 1); }
  bool erase(const void* key) { return map_.erase(key); }
  [[nodiscard]] std::size_t size() const { return map_.size(); }
  [[nodiscard]] bool empty() const { return map_.empty(); }

 private:
  PointerMap<unsigned char> map_;
};

/// The same flat table keyed by names: `std::string_view`s whose characters outlive the map
/// (a node's own name, a view of the source text). For the name tables of 10^5-node graphs,
/// where std::unordered_map spends its time allocating, rehashing and chasing bucket chains.
template <class V>
class NameMap {
 public:
  explicit NameMap(std::size_t expected = 0) { rehash(capacityFor(expected)); }

  [[nodiscard]] std::size_t size() const { return size_; }
  [[nodiscard]] bool empty() const { return size_ == 0; }

  [[nodiscard]] V* find(std::string_view key) {
    const std::uint64_t h = hashOf(key);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (!s.used) return nullptr;
      if (s.hash == h && s.key == key) return &slots_[i].value;
    }
  }
  [[nodiscard]] const V* find(std::string_view key) const { return const_cast<NameMap*>(this)->find(key); }
  [[nodiscard]] bool contains(std::string_view key) const { return find(key) != nullptr; }

  /// The value of `key`, added as `value` if missing; second: whether it was added.
  std::pair<V*, bool> tryEmplace(std::string_view key, V value) {
    if ((size_ + 1) * 4 > slots_.size() * 3) rehash(slots_.size() * 2);
    const std::uint64_t h = hashOf(key);
    std::size_t i = h & mask_;
    for (; slots_[i].used; i = (i + 1) & mask_)
      if (slots_[i].hash == h && slots_[i].key == key) return {&slots_[i].value, false};
    slots_[i] = Slot{key, h, std::move(value), true};
    ++size_;
    return {&slots_[i].value, true};
  }

  /// Removes `key`; returns whether it was there (backward shift, as PointerMap).
  bool erase(std::string_view key) {
    const std::uint64_t h = hashOf(key);
    std::size_t i = h & mask_;
    for (; !(slots_[i].used && slots_[i].hash == h && slots_[i].key == key); i = (i + 1) & mask_)
      if (!slots_[i].used) return false;
    for (std::size_t j = (i + 1) & mask_; slots_[j].used; j = (j + 1) & mask_) {
      const std::size_t home = slots_[j].hash & mask_;
      const bool stays = i <= j ? (i < home && home <= j) : (i < home || home <= j);
      if (stays) continue;
      slots_[i] = std::move(slots_[j]);
      i = j;
    }
    slots_[i] = Slot{};
    --size_;
    return true;
  }

 private:
  struct Slot {
    std::string_view key;
    std::uint64_t hash = 0;
    V value{};
    bool used = false;
  };
  static std::size_t capacityFor(std::size_t n) {
    std::size_t c = 16;
    while (c * 3 < n * 4 + 4) c *= 2;
    return c;
  }
  static std::uint64_t hashOf(std::string_view key) {
    std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a, then mixed: names are short
    for (char c : key) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
    h ^= h >> 32;
    h *= 0x9E3779B97F4A7C15ULL;
    return h ^ (h >> 29);
  }
  void rehash(std::size_t capacity) {
    std::vector<Slot> old(capacity);
    old.swap(slots_);
    mask_ = capacity - 1;
    size_ = 0;
    for (Slot& s : old)
      if (s.used) {
        std::size_t i = s.hash & mask_;
        while (slots_[i].used) i = (i + 1) & mask_;
        slots_[i] = std::move(s);
        ++size_;
      }
  }

  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

}  // namespace symrange::ir
