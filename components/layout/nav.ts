import type { Role } from '@/lib/auth/policy';

/** Navigation per role: one list, used by the desktop side bar and the phone bottom bar. */
export type NavIcon = 'home' | 'chat' | 'plus' | 'people' | 'award' | 'chart' | 'key' | 'list' | 'calendar' | 'map' | 'gear';
export type NavItem = {
  href: string;
  key:
    | 'home'
    | 'forum'
    | 'register'
    | 'mothers'
    | 'certificates'
    | 'reports'
    | 'summary'
    | 'accounts'
    | 'audit'
    | 'sessions'
    | 'places'
    | 'settings'
    | 'import'
    | 'lessons'
    | 'dataRequests'
    | 'myData';
  icon: NavIcon;
};

export const NAV: Record<Role, NavItem[]> = {
  admin: [
    { href: '/staff', key: 'home', icon: 'home' },
    { href: '/staff/ibu', key: 'mothers', icon: 'people' },
    { href: '/staff/ibu/baru', key: 'register', icon: 'plus' },
    { href: '/staff/pertemuan', key: 'sessions', icon: 'calendar' },
    { href: '/staff/sertifikat', key: 'certificates', icon: 'award' },
    { href: '/staff/laporan', key: 'reports', icon: 'chart' },
    { href: '/staff/materi', key: 'lessons', icon: 'list' },
    { href: '/forum', key: 'forum', icon: 'chat' },
    { href: '/staff/wilayah', key: 'places', icon: 'map' },
    { href: '/staff/pengguna', key: 'accounts', icon: 'key' },
    { href: '/staff/impor', key: 'import', icon: 'plus' },
    { href: '/staff/pengaturan', key: 'settings', icon: 'gear' },
    { href: '/staff/permintaan-data', key: 'dataRequests', icon: 'list' },
    { href: '/staff/audit', key: 'audit', icon: 'list' },
  ],
  staff: [
    { href: '/staff', key: 'home', icon: 'home' },
    { href: '/staff/ibu', key: 'mothers', icon: 'people' },
    { href: '/staff/ibu/baru', key: 'register', icon: 'plus' },
    { href: '/staff/pertemuan', key: 'sessions', icon: 'calendar' },
    { href: '/staff/sertifikat', key: 'certificates', icon: 'award' },
    { href: '/staff/laporan', key: 'reports', icon: 'chart' },
    { href: '/staff/materi', key: 'lessons', icon: 'list' },
    { href: '/forum', key: 'forum', icon: 'chat' },
    { href: '/staff/wilayah', key: 'places', icon: 'map' },
    { href: '/staff/pengguna', key: 'accounts', icon: 'key' },
    { href: '/staff/impor', key: 'import', icon: 'plus' },
    { href: '/staff/pengaturan', key: 'settings', icon: 'gear' },
    { href: '/staff/permintaan-data', key: 'dataRequests', icon: 'list' },
  ],
  kader: [
    { href: '/kader', key: 'home', icon: 'home' },
    { href: '/kader/ibu/baru', key: 'register', icon: 'plus' },
    { href: '/kader/ringkasan', key: 'summary', icon: 'chart' },
    { href: '/kader/pertemuan', key: 'sessions', icon: 'calendar' },
    { href: '/forum', key: 'forum', icon: 'chat' },
  ],
  ibu: [
    { href: '/ibu', key: 'home', icon: 'home' },
    { href: '/forum', key: 'forum', icon: 'chat' },
    { href: '/ibu/data-saya', key: 'myData', icon: 'key' },
  ],
  dinkes: [
    { href: '/dinkes', key: 'home', icon: 'home' },
    { href: '/dinkes/pengguna', key: 'accounts', icon: 'key' },
  ],
};
