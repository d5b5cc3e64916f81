import type { Role } from '@/lib/auth/policy';

/** Navigation per role: one list, used by the desktop side bar and the phone bottom bar. */
export type NavIcon = 'home' | 'chat' | 'plus' | 'people' | 'award' | 'calendar';
export type NavItem = { href: string; key: 'home' | 'forum' | 'register' | 'mothers' | 'certificates' | 'sessions'; icon: NavIcon };

export const NAV: Record<Role, NavItem[]> = {
  admin: [
    { href: '/staff', key: 'home', icon: 'home' },
    { href: '/staff/ibu', key: 'mothers', icon: 'people' },
    { href: '/staff/ibu/baru', key: 'register', icon: 'plus' },
    { href: '/staff/pertemuan', key: 'sessions', icon: 'calendar' },
    { href: '/staff/sertifikat', key: 'certificates', icon: 'award' },
    { href: '/forum', key: 'forum', icon: 'chat' },
  ],
  staff: [
    { href: '/staff', key: 'home', icon: 'home' },
    { href: '/staff/ibu', key: 'mothers', icon: 'people' },
    { href: '/staff/ibu/baru', key: 'register', icon: 'plus' },
    { href: '/staff/pertemuan', key: 'sessions', icon: 'calendar' },
    { href: '/staff/sertifikat', key: 'certificates', icon: 'award' },
    { href: '/forum', key: 'forum', icon: 'chat' },
  ],
  kader: [
    { href: '/kader', key: 'home', icon: 'home' },
    { href: '/kader/ibu/baru', key: 'register', icon: 'plus' },
    { href: '/kader/pertemuan', key: 'sessions', icon: 'calendar' },
    { href: '/forum', key: 'forum', icon: 'chat' },
  ],
  ibu: [
    { href: '/ibu', key: 'home', icon: 'home' },
    { href: '/forum', key: 'forum', icon: 'chat' },
  ],
};
