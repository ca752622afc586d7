import type { ButtonHTMLAttributes, ComponentChildren } from 'preact';
import { Icon, type IconName } from '../icon';
import './big-button.css';

export interface BigButtonProps extends Omit<ButtonHTMLAttributes, 'icon' | 'class'> {
  class?: string;
  icon?: IconName;
  variant?: 'primary' | 'secondary' | 'quiet';
  children: ComponentChildren;
}

/** A large, labelled button: at least 88 CSS px each way, with a visible pressed state. */
export function BigButton({ icon, variant = 'secondary', children, class: className, ...rest }: BigButtonProps) {
  return (
    <button type="button" class={`big-button big-button--${variant}${className ? ` ${className}` : ''}`} {...rest}>
      {icon && <Icon name={icon} />}
      <span class="big-button__label">{children}</span>
    </button>
  );
}
